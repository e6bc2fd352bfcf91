<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>curator::ui::AgentDock</name>
    <message>
        <source>Agent</source>
        <translation>智能体</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Approve commits</source>
        <translation>审批提交</translation>
    </message>
    <message>
        <source>Theme, e.g. VHS decay and analog glitch</source>
        <translation>主题，例如 VHS 老化与模拟信号故障</translation>
    </message>
    <message>
        <source>Message to the agent (seen at its next turn)</source>
        <translation>发给智能体的消息（在其下一轮时可见）</translation>
    </message>
    <message>
        <source>Run finished: %1</source>
        <translation>运行完成：%1</translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>
[commit %1: %2 images, %3 new]
</source>
        <translation>
[提交 %1：%2 张图像，%3 张新增]
</translation>
    </message>
    <message>
        <source>
[you: %1]
</source>
        <translation>
[你：%1]
</translation>
    </message>
    <message>
        <source>tokens: %1 prompt, %2 completion</source>
        <translation>词元：提示 %1，补全 %2</translation>
    </message>
    <message>
        <source>Approve commit?</source>
        <translation>批准提交？</translation>
    </message>
    <message>
        <source>The agent wants to commit:
%1</source>
        <translation>智能体请求提交：
%1</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Edit threshold...</source>
        <translation>修改阈值…</translation>
    </message>
    <message>
        <source>Reject...</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Commit at similarity &gt;=</source>
        <translation>按相似度 &gt;= 提交</translation>
    </message>
    <message>
        <source>the human cancelled</source>
        <translation>用户已取消</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Why? (the agent reads this)</source>
        <translation>原因？（智能体会读到）</translation>
    </message>
    <message>
        <source>rejected by the human</source>
        <translation>已被用户拒绝</translation>
    </message>
</context>
<context>
    <name>curator::ui::AgentTimelineModel</name>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Arguments / result</source>
        <translation>参数 / 结果</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>curator::ui::CommitLogDock</name>
    <message>
        <source>Commits</source>
        <translation>提交记录</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销 %1</translation>
    </message>
</context>
<context>
    <name>curator::ui::CommitLogModel</name>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>curator::ui::HistogramDock</name>
    <message>
        <source>Similarity histogram</source>
        <translation>相似度直方图</translation>
    </message>
    <message>
        <source>Search to see how similarities spread.</source>
        <translation>搜索后即可查看相似度的分布。</translation>
    </message>
    <message>
        <source>unmasked images</source>
        <translation>未屏蔽的图像</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) at or above %1</source>
        <translation>
            <numerusform>%n 张图像的相似度不低于 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>counting at %1 ...</source>
        <translation>正在按 %1 计数…</translation>
    </message>
    <message>
        <source>Commit above threshold...</source>
        <translation>提交阈值以上的图像...</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Why do the images at or above %1 belong in the dataset?</source>
        <translation>为什么相似度不低于 %1 的图像应进入数据集？</translation>
    </message>
</context>
<context>
    <name>curator::ui::LogBridge</name>
    <message>
        <source>%1 %2: %3 images %4</source>
        <translation>%1 %2：%3 张图像%4</translation>
    </message>
    <message>
        <source>redid</source>
        <translation>已重做</translation>
    </message>
    <message>
        <source>reverted</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>re-entered the dataset</source>
        <translation>重新进入数据集</translation>
    </message>
    <message>
        <source>left the dataset</source>
        <translation>离开数据集</translation>
    </message>
</context>
<context>
    <name>curator::ui::MainWindow</name>
    <message>
        <source>Wide-Spectrum Curator - %1</source>
        <translation>广谱策展器 - %1</translation>
    </message>
    <message>
        <source>Type a query first.</source>
        <translation>请先输入查询。</translation>
    </message>
    <message>
        <source>Searching ...</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1 results of %2 images (%3 masked by negatives)</source>
        <translation>%2 张图像中的 %1 个结果（%3 张被负向提示屏蔽）</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>branch %1 | dataset: %2 images in %3 live commits</source>
        <translation>分支 %1 | 数据集：%3 个有效提交中的 %2 张图像</translation>
    </message>
    <message>
        <source>workspace %1 | %2 images | model %3</source>
        <translation>工作区 %1 | %2 张图像 | 模型 %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>committed %1: %2 images, %3 new to the dataset</source>
        <translation>已提交 %1：%2 张图像，其中 %3 张为数据集新增</translation>
    </message>
</context>
<context>
    <name>curator::ui::SearchDock</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>e.g. motion blur</source>
        <translation>例如 motion blur（运动模糊）</translation>
    </message>
    <message>
        <source>comma-separated, e.g. text overlay, watermark</source>
        <translation>以逗号分隔，例如 text overlay, watermark</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>所有来源</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation>负向提示</translation>
    </message>
    <message>
        <source>Negative threshold</source>
        <translation>负向阈值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Top k</source>
        <translation>前 k 个</translation>
    </message>
</context>
</TS>
