<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PreviewBridge</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the catalog has no file path for this image</source>
        <translation>目录中没有此图像的文件路径</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>文件未找到</translation>
    </message>
    <message>
        <source>cannot read the image (%1)</source>
        <translation>无法读取图像（%1）</translation>
    </message>
</context>
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
    <message>
        <source>Planner: offline heuristic
</source>
        <translation>规划器：离线启发式
</translation>
    </message>
    <message>
        <source>Planner: %1 at %2
</source>
        <translation>规划器：%1（%2）
</translation>
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
    <name>curator::ui::CommitDetailsView</name>
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
        <source>Parents</source>
        <translation>父提交</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
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
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Undone by</source>
        <translation>被撤销于</translation>
    </message>
    <message>
        <source>Reverts</source>
        <translation>撤销目标</translation>
    </message>
    <message>
        <source>Select a commit to see its provenance and a sample of its images.</source>
        <translation>选择一个提交以查看其溯源信息和图像样本。</translation>
    </message>
    <message>
        <source>No commit selected.</source>
        <translation>未选择提交。</translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation>%1（导入）</translation>
    </message>
    <message>
        <source>similarity &gt;= %1, negatives &lt; %2</source>
        <translation>相似度 &gt;= %1，负向 &lt; %2</translation>
    </message>
    <message numerus="yes">
        <source>%n image entries</source>
        <translation>
            <numerusform>%n 个图像条目</numerusform>
        </translation>
    </message>
    <message>
        <source>A merge brings the commits of its second parent; select them to see images.</source>
        <translation>合并会带入其第二个父提交上的提交；选择这些提交即可查看图像。</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>无图像。</translation>
    </message>
    <message>
        <source>Sample of %1 images of the reverted commit %2</source>
        <translation>被撤销提交 %2 的 %1 张图像样本</translation>
    </message>
    <message>
        <source>Sample of %1 of its images</source>
        <translation>其 %1 张图像的样本</translation>
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
        <translation type="vanished">撤销 %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Merge into main</source>
        <translation>合并到 main</translation>
    </message>
    <message>
        <source>Discard branch</source>
        <translation>丢弃分支</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>检出</translation>
    </message>
    <message>
        <source>Record a revert of the selected commit: its images leave the dataset</source>
        <translation>记录一次对所选提交的撤销：其图像将离开数据集</translation>
    </message>
    <message>
        <source>Revert the revert that undid the selected commit</source>
        <translation>撤销曾撤销所选提交的那次撤销</translation>
    </message>
    <message>
        <source>Select a commit to see its provenance and a sample of its images.</source>
        <translation>选择一个提交以查看其溯源信息和图像样本。</translation>
    </message>
    <message>
        <source>Reading %1 ...</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Select a commit first.</source>
        <translation>请先选择一个提交。</translation>
    </message>
    <message>
        <source>A merge is not undone: undo the commits it brought.</source>
        <translation>合并不能撤销：请撤销它带入的提交。</translation>
    </message>
    <message>
        <source>This commit is undone already: Redo brings it back.</source>
        <translation>此提交已被撤销：重做可将其恢复。</translation>
    </message>
    <message>
        <source>Nothing undid this commit.</source>
        <translation>此提交未被撤销。</translation>
    </message>
    <message>
        <source>Neither the checked-out branch nor the commit&apos;s branch %1 (%2) can take a revert of it.</source>
        <translation>当前检出的分支和该提交所在的分支 %1（%2）都无法记录对它的撤销。</translation>
    </message>
    <message>
        <source>main is where branches are merged; it is not merged or discarded itself.</source>
        <translation>main 是各分支合并的目标，其本身不能被合并或丢弃。</translation>
    </message>
    <message>
        <source>The log lists no branch %1.</source>
        <translation>日志中没有分支 %1。</translation>
    </message>
    <message>
        <source>Branch %1 is %2.</source>
        <translation>分支 %1 的状态为 %2。</translation>
    </message>
    <message>
        <source>Branch %1 has no commits of its own.</source>
        <translation>分支 %1 没有属于自己的提交。</translation>
    </message>
    <message>
        <source>Branch %1 is checked out: new commits go there.</source>
        <translation>分支 %1 已检出：新提交将记录到该分支。</translation>
    </message>
    <message>
        <source>Undo %1 on branch %2</source>
        <translation>在分支 %2 上撤销 %1</translation>
    </message>
    <message>
        <source>Redo %1 on branch %2 (reverts its revert %3)</source>
        <translation>在分支 %2 上重做 %1（撤销其撤销提交 %3）</translation>
    </message>
    <message>
        <source>Merge branch %1 into main</source>
        <translation>将分支 %1 合并到 main</translation>
    </message>
    <message>
        <source>Discard branch %1</source>
        <translation>丢弃分支 %1</translation>
    </message>
    <message>
        <source>Check out branch %1: new commits go there</source>
        <translation>检出分支 %1：新提交将记录到该分支</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Merge branch</source>
        <translation>合并分支</translation>
    </message>
    <message>
        <source>Merge branch %1 into main? Its live commits join main&apos;s dataset and the branch is closed.</source>
        <translation>将分支 %1 合并到 main？其有效提交将并入 main 的数据集，该分支随即关闭。</translation>
    </message>
    <message>
        <source>Discard branch %1? Its commits stay in the log but never reach main, and the branch cannot be reopened.</source>
        <translation>丢弃分支 %1？其提交仍保留在日志中，但永远不会进入 main，且该分支无法重新打开。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>undo of %1 handed to the running agent</source>
        <translation>已将 %1 的撤销交给正在运行的智能体</translation>
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
    <message>
        <source>%1 %2 on %3 by %4</source>
        <translation>%1 %2，分支 %3，作者 %4</translation>
    </message>
    <message>
        <source>query: %1, threshold %2, %3 negatives</source>
        <translation>查询：%1，阈值 %2，%3 个负向提示</translation>
    </message>
    <message>
        <source>undone by %1</source>
        <translation>已被 %1 撤销</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>curator::ui::DemoCreationDialog</name>
    <message>
        <source>Creating the demo workspace</source>
        <translation>正在创建演示工作区</translation>
    </message>
    <message>
        <source>Generating %1 demo images ...</source>
        <translation>正在生成 %1 张演示图像…</translation>
    </message>
    <message>
        <source>Cancelling ...</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Generating demo images: %1 of %2</source>
        <translation>正在生成演示图像：%1 / %2</translation>
    </message>
    <message>
        <source>Embedding %1: %2 of %3 (%4 images/s)</source>
        <translation>正在嵌入 %1：%2 / %3（%4 张图像/秒）</translation>
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
    <name>curator::ui::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1: cancelling ...</source>
        <translation>%1：正在取消…</translation>
    </message>
</context>
<context>
    <name>curator::ui::Launcher</name>
    <message>
        <source>no workspace to open: give --workspace DIR or --demo</source>
        <translation>没有可打开的工作区：请指定 --workspace DIR 或 --demo</translation>
    </message>
    <message>
        <source>Wide-Spectrum Curator</source>
        <translation>广谱策展器</translation>
    </message>
    <message>
        <source>No workspace is open yet.

The demo workspace holds %1 generated images in three sources, with the offline builtin models: everything works without a network. Creating it takes about a minute.</source>
        <translation>尚未打开任何工作区。

演示工作区包含分属三个来源的 %1 张生成图像，并使用离线内置模型：无需网络即可使用全部功能。创建过程约需一分钟。</translation>
    </message>
    <message>
        <source>Create the demo workspace</source>
        <translation>创建演示工作区</translation>
    </message>
    <message>
        <source>Open a workspace folder...</source>
        <translation>打开工作区文件夹...</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Demo workspace</source>
        <translation>演示工作区</translation>
    </message>
    <message>
        <source>the demo workspace was not created: %1</source>
        <translation>未能创建演示工作区：%1</translation>
    </message>
    <message>
        <source>the workspace %1 does not exist (create one with --demo or curator-cli ingest)</source>
        <translation>工作区 %1 不存在（可使用 --demo 或 curator-cli ingest 创建）</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
</context>
<context>
    <name>curator::ui::LogBridge</name>
    <message>
        <source>%1 %2: %3 images %4</source>
        <translation type="vanished">%1 %2：%3 张图像%4</translation>
    </message>
    <message>
        <source>redid</source>
        <translation type="vanished">已重做</translation>
    </message>
    <message>
        <source>reverted</source>
        <translation type="vanished">已撤销</translation>
    </message>
    <message>
        <source>re-entered the dataset</source>
        <translation type="vanished">重新进入数据集</translation>
    </message>
    <message>
        <source>left the dataset</source>
        <translation type="vanished">离开数据集</translation>
    </message>
    <message>
        <source>redid %1 on %2: %3 images re-entered the dataset</source>
        <translation>已在 %2 上重做 %1：%3 张图像重新进入数据集</translation>
    </message>
    <message>
        <source>reverted %1 on %2: %3 images left the dataset</source>
        <translation>已在 %2 上撤销 %1：%3 张图像离开数据集</translation>
    </message>
    <message>
        <source>redid %1 on %2 (reverted its revert %3): %4 images re-entered the dataset</source>
        <translation>已在 %2 上重做 %1（撤销了其撤销提交 %3）：%4 张图像重新进入数据集</translation>
    </message>
    <message>
        <source>merged %1 into main as %2: %3 images new to the dataset, %4 in all</source>
        <translation>已将 %1 合并到 main，合并提交为 %2：数据集新增 %3 张图像，共 %4 张</translation>
    </message>
    <message>
        <source>discarded branch %1</source>
        <translation>已丢弃分支 %1</translation>
    </message>
    <message>
        <source>checked out %1: new commits go there</source>
        <translation>已检出 %1：新提交将记录到该分支</translation>
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
        <translation type="vanished">搜索失败：%1</translation>
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
    <message>
        <source>review: %1 accepted, %2 rejected</source>
        <translation>审阅：已接受 %1，已拒绝 %2</translation>
    </message>
    <message>
        <source>Rating failed: %1</source>
        <translation>评分失败：%1</translation>
    </message>
    <message>
        <source>%1 images drawn from %2 in [%3, %4] (seed %5)</source>
        <translation>从 [%3, %4] 区间内的 %2 张图像中抽取了 %1 张（种子 %5）</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Wide-Spectrum Curator</source>
        <translation>广谱策展器</translation>
    </message>
    <message>
        <source>Go to the search bar</source>
        <translation>转到搜索栏</translation>
    </message>
    <message>
        <source>Commit accepted images...</source>
        <translation>提交已接受的图像...</translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation>设置...</translation>
    </message>
    <message>
        <source>Reload the commit log</source>
        <translation>重新加载提交日志</translation>
    </message>
    <message>
        <source>Searching as the agent did ...</source>
        <translation>正在按智能体的方式重新搜索…</translation>
    </message>
    <message>
        <source>Nothing accepted yet: mark images with %1 first.</source>
        <translation>尚未接受任何图像：请先用 %1 标记图像。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open workspace...</source>
        <translation>打开工作区(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Open the &amp;demo workspace</source>
        <translation>打开演示工作区(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Ingest images...</source>
        <translation>导入图像(&amp;I)...</translation>
    </message>
    <message>
        <source>Folder of images to ingest</source>
        <translation>要导入的图像文件夹</translation>
    </message>
    <message>
        <source>Ingest images</source>
        <translation>导入图像</translation>
    </message>
    <message>
        <source>Source name</source>
        <translation>来源名称</translation>
    </message>
    <message>
        <source>Build search &amp;index</source>
        <translation>构建搜索索引(&amp;I)</translation>
    </message>
    <message>
        <source>Export &amp;dataset.json...</source>
        <translation>导出 dataset.json(&amp;D)...</translation>
    </message>
    <message>
        <source>Export dataset.json</source>
        <translation>导出 dataset.json</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export &amp;release...</source>
        <translation>导出发布版本(&amp;R)...</translation>
    </message>
    <message>
        <source>Export release</source>
        <translation>导出发布版本</translation>
    </message>
    <message>
        <source>Release tag (a new folder under exports/)</source>
        <translation>发布标签（exports/ 下的新文件夹）</translation>
    </message>
    <message>
        <source>Copy the images into the release as well?</source>
        <translation>是否同时将图像复制到发布版本中？</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审阅(&amp;R)</translation>
    </message>
    <message>
        <source>Commit accepted images</source>
        <translation>提交已接受的图像</translation>
    </message>
    <message>
        <source>Why do these images belong in the dataset?</source>
        <translation>为什么这些图像应进入数据集？</translation>
    </message>
    <message>
        <source>&amp;Commits</source>
        <translation>提交(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts...</source>
        <translation>键盘快捷键(&amp;K)...</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About Wide-Spectrum Curator</source>
        <translation>关于广谱策展器</translation>
    </message>
    <message>
        <source>&lt;b&gt;Wide-Spectrum Curator&lt;/b&gt; %1&lt;br&gt;Curates training data across the whole aesthetic spectrum: search by vision-language embeddings, calibrate thresholds, rate, and commit batches with full provenance.</source>
        <translation>&lt;b&gt;广谱策展器&lt;/b&gt; %1&lt;br&gt;覆盖整个美学光谱的训练数据策展工具：通过视觉-语言嵌入进行搜索、校准阈值、评分，并以完整的溯源信息分批提交。</translation>
    </message>
    <message>
        <source>embedder %1 | scorer %2 | captioner %3</source>
        <translation>嵌入模型 %1 | 评分模型 %2 | 描述模型 %3</translation>
    </message>
    <message>
        <source>Busy with %1: wait for it or cancel it first.</source>
        <translation>忙碌中（%1）：请等待其完成或先将其取消。</translation>
    </message>
    <message>
        <source>Ingesting %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>Exporting release %1</source>
        <translation>正在导出发布版本 %1</translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation>正在导出 %1</translation>
    </message>
    <message>
        <source>Building the search index</source>
        <translation>正在构建搜索索引</translation>
    </message>
</context>
<context>
    <name>curator::ui::PreviewDialog</name>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Previous result (Left, %1)</source>
        <translation>上一个结果（左方向键，%1）</translation>
    </message>
    <message>
        <source>Next result (Right, %1)</source>
        <translation>下一个结果（右方向键，%1）</translation>
    </message>
    <message>
        <source>Accept and go to the next (%1)</source>
        <translation>接受并转到下一个（%1）</translation>
    </message>
    <message>
        <source>Reject and go to the next (%1)</source>
        <translation>拒绝并转到下一个（%1）</translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Preview: %1/%2 (%3 of %4)</source>
        <translation>预览：%1/%2（第 %3 个，共 %4 个）</translation>
    </message>
    <message>
        <source>The image cannot be shown:
%1</source>
        <translation>无法显示该图像：
%1</translation>
    </message>
    <message>
        <source>similarity %1</source>
        <translation>相似度 %1</translation>
    </message>
    <message>
        <source>masked by a negative prompt</source>
        <translation>被负向提示词屏蔽</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>%1 x %2 px</source>
        <translation>%1 x %2 像素</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>图像描述</translation>
    </message>
    <message>
        <source>&lt;i&gt;none in the catalog&lt;/i&gt;</source>
        <translation>&lt;i&gt;目录中没有&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Loading provenance ...</source>
        <translation>正在加载溯源信息…</translation>
    </message>
    <message>
        <source>Provenance unavailable: %1</source>
        <translation>溯源信息不可用：%1</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>not rated yet</source>
        <translation>尚未评分</translation>
    </message>
    <message>
        <source>scorer</source>
        <translation>评分模型</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>caption read</source>
        <translation>所读描述</translation>
    </message>
    <message>
        <source>rated</source>
        <translation>评分时间</translation>
    </message>
    <message>
        <source>&lt;i&gt;an older caption&lt;/i&gt;</source>
        <translation>&lt;i&gt;较早的描述&lt;/i&gt;</translation>
    </message>
    <message>
        <source>1 commit</source>
        <translation>1 个提交</translation>
    </message>
    <message>
        <source>%1 commits</source>
        <translation>%1 个提交</translation>
    </message>
    <message>
        <source>Provenance: %1, %2 live on %3</source>
        <translation>溯源：%1，其中 %2 个在 %3 上有效</translation>
    </message>
    <message>
        <source>no commit holds this image</source>
        <translation>没有提交包含此图像</translation>
    </message>
    <message>
        <source>live</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>undone by %1</source>
        <translation>已被 %1 撤销</translation>
    </message>
    <message>
        <source>not on this branch</source>
        <translation>不在此分支上</translation>
    </message>
    <message>
        <source>query &quot;%1&quot; at threshold %2</source>
        <translation>查询“%1”，阈值 %2</translation>
    </message>
</context>
<context>
    <name>curator::ui::ResultDelegate</name>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>已屏蔽</translation>
    </message>
</context>
<context>
    <name>curator::ui::ResultsView</name>
    <message>
        <source>Accept the result and go to the next</source>
        <translation>接受该结果并转到下一个</translation>
    </message>
    <message>
        <source>Reject the result and go to the next</source>
        <translation>拒绝该结果并转到下一个</translation>
    </message>
    <message>
        <source>Clear the review mark and go to the next</source>
        <translation>清除审阅标记并转到下一个</translation>
    </message>
    <message>
        <source>Next result</source>
        <translation>下一个结果</translation>
    </message>
    <message>
        <source>Previous result</source>
        <translation>上一个结果</translation>
    </message>
    <message>
        <source>Select or deselect the current result</source>
        <translation>选中或取消选中当前结果</translation>
    </message>
    <message>
        <source>Preview the current result</source>
        <translation>预览当前结果</translation>
    </message>
</context>
<context>
    <name>curator::ui::ScoreDock</name>
    <message>
        <source>Aesthetics scores</source>
        <translation>美学评分</translation>
    </message>
    <message>
        <source>this batch</source>
        <translation>本批次</translation>
    </message>
    <message>
        <source>dataset so far</source>
        <translation>当前数据集</translation>
    </message>
    <message>
        <source>Search, then rate the results to compare them with the dataset.</source>
        <translation>先搜索，再为结果评分，即可与数据集进行比较。</translation>
    </message>
    <message>
        <source>Rate results</source>
        <translation>为结果评分</translation>
    </message>
    <message>
        <source>Rate dataset</source>
        <translation>为数据集评分</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>% of images</source>
        <translation>图像占比 (%)</translation>
    </message>
    <message>
        <source>Rate the results shown in the grid (masked ones excepted)</source>
        <translation>为网格中显示的结果评分（被屏蔽的除外）</translation>
    </message>
    <message>
        <source>Rate the committed images that have no score yet</source>
        <translation>为尚无评分的已提交图像评分</translation>
    </message>
    <message>
        <source>%1 of %2 rated</source>
        <translation>已评分 %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Rated %n unscored dataset image(s).</source>
        <translation>
            <numerusform>已为数据集中 %n 张未评分的图像评分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <source>Rating failed: %1</source>
        <translation>评分失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in the grid, not rated yet.</source>
        <translation>
            <numerusform>网格中有 %n 个结果，尚未评分。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rating %n result(s)...</source>
        <translation>
            <numerusform>正在为 %n 个结果评分…</numerusform>
        </translation>
    </message>
    <message>
        <source>Rating the dataset&apos;s unscored images...</source>
        <translation>正在为数据集中未评分的图像评分…</translation>
    </message>
    <message>
        <source>Batch rated by %1: %2 from the cache, %3 scored now, %4 failed.</source>
        <translation>本批次由 %1 评分：%2 个来自缓存，%3 个本次评分，%4 个失败。</translation>
    </message>
    <message>
        <source>no committed images on %1 yet</source>
        <translation>%1 上尚无已提交的图像</translation>
    </message>
    <message>
        <source>%1 of %2 committed images on %3 not rated yet</source>
        <translation>%3 上的 %2 张已提交图像中有 %1 张尚未评分</translation>
    </message>
    <message>
        <source>all %1 committed images on %2 rated</source>
        <translation>%2 上的全部 %1 张已提交图像均已评分</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be rated:</source>
        <translation>
            <numerusform>%n 张图像无法评分：</numerusform>
        </translation>
    </message>
    <message>
        <source>score (bins of %1)</source>
        <translation>分数（分箱宽度 %1）</translation>
    </message>
    <message>
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>p10</source>
        <translation>p10</translation>
    </message>
    <message>
        <source>p90</source>
        <translation>p90</translation>
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
    <message>
        <source>Show masked results (greyed)</source>
        <translation>显示被屏蔽的结果（灰显）</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Sample band</source>
        <translation>按区间抽样</translation>
    </message>
    <message>
        <source>Draw images uniformly from the similarity band of the last search</source>
        <translation>从上次搜索的相似度区间中均匀抽取图像</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Similarity band sampler</source>
        <translation>相似度区间抽样</translation>
    </message>
</context>
<context>
    <name>curator::ui::SearchResultsModel</name>
    <message>
        <source>similarity %1</source>
        <translation>相似度 %1</translation>
    </message>
    <message>
        <source>masked by a negative prompt</source>
        <translation>被负向提示词屏蔽</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
</context>
<context>
    <name>curator::ui::SecretStore</name>
    <message>
        <source>%1 saved in the system keychain</source>
        <translation>%1 已保存到系统钥匙串</translation>
    </message>
    <message>
        <source>the system keychain is unavailable (%1): %2 is kept for this session only; set it in the environment to keep it</source>
        <translation>系统钥匙串不可用（%1）：%2 仅在本次会话中保留；如需长期保留，请在环境变量中设置</translation>
    </message>
</context>
<context>
    <name>curator::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>the built-in classes.json</source>
        <translation>内置的 classes.json</translation>
    </message>
    <message>
        <source>A backend spec: %1</source>
        <translation>后端规格：%1</translation>
    </message>
    <message>
        <source>The embedder must be the model the workspace&apos;s embeddings were made with; searches refuse a mismatch.</source>
        <translation>嵌入模型必须与生成此工作区嵌入时所用的模型一致；不一致时搜索会拒绝执行。</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Embedder</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <source>Scorer</source>
        <translation>评分模型</translation>
    </message>
    <message>
        <source>Captioner</source>
        <translation>描述模型</translation>
    </message>
    <message>
        <source>Taxonomy</source>
        <translation>分类体系</translation>
    </message>
    <message>
        <source>Models of this workspace (%1)</source>
        <translation>此工作区的模型（%1）</translation>
    </message>
    <message>
        <source>empty: the offline heuristic planner; e.g. http://localhost:8000/v1</source>
        <translation>留空：使用离线启发式规划器；例如 http://localhost:8000/v1</translation>
    </message>
    <message>
        <source>leave empty to keep the current key</source>
        <translation>留空以保留当前密钥</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>清除密钥</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>推理强度</translation>
    </message>
    <message>
        <source>API key variable</source>
        <translation>API 密钥变量</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Agent (LLM endpoint)</source>
        <translation>智能体（LLM 端点）</translation>
    </message>
    <message>
        <source>Taxonomy (*.json)</source>
        <translation>分类体系 (*.json)</translation>
    </message>
    <message>
        <source>%1 is set in the environment (it wins)</source>
        <translation>%1 已在环境变量中设置（优先使用）</translation>
    </message>
    <message>
        <source>%1 is stored in the system keychain</source>
        <translation>%1 已存储在系统钥匙串中</translation>
    </message>
    <message>
        <source>%1 is kept for this session only</source>
        <translation>%1 仅在本次会话中保留</translation>
    </message>
    <message>
        <source>no key for %1</source>
        <translation>%1 没有密钥</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>taxonomy: %1</source>
        <translation>分类体系：%1</translation>
    </message>
    <message>
        <source>API key variable: expected an environment variable name such as OPENAI_API_KEY</source>
        <translation>API 密钥变量：应为环境变量名，例如 OPENAI_API_KEY</translation>
    </message>
</context>
<context>
    <name>curator::ui::ShortcutRegistry</name>
    <message>
        <source>The default key %1 of &quot;%2&quot; is already used by &quot;%3&quot;; it was left out.</source>
        <translation>“%2”的默认按键 %1 已被“%3”占用，因此未予设置。</translation>
    </message>
    <message>
        <source>The saved shortcut &quot;%1&quot; of &quot;%2&quot; is not a key sequence; the default is used.</source>
        <translation>“%2”已保存的快捷键“%1”不是有效的按键序列，已改用默认值。</translation>
    </message>
    <message>
        <source>The saved shortcut %1 of &quot;%2&quot; is already used by &quot;%3&quot;; the default is used.</source>
        <translation>“%2”已保存的快捷键 %1 已被“%3”占用，已改用默认值。</translation>
    </message>
    <message>
        <source>There is no command &quot;%1&quot;.</source>
        <translation>不存在命令“%1”。</translation>
    </message>
    <message>
        <source>%1 is already the shortcut of &quot;%2&quot;; change that one first.</source>
        <translation>%1 已是“%2”的快捷键，请先修改那一项。</translation>
    </message>
</context>
<context>
    <name>curator::ui::ShortcutsDialog</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation>全部重置</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>New shortcut:</source>
        <translation>新快捷键：</translation>
    </message>
    <message>
        <source>Select a command, then press its new key in the field below. Single keys act only in the results grid and the preview.</source>
        <translation>选择一个命令，然后在下方的输入框中按下新的按键。单个按键仅在结果网格和预览中生效。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no shortcut now.</source>
        <translation>“%1”现在没有快捷键。</translation>
    </message>
    <message>
        <source>Every shortcut is back to its default.</source>
        <translation>所有快捷键均已恢复默认。</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>Select a command first.</source>
        <translation>请先选择一个命令。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is now %2.</source>
        <translation>“%1”现在为 %2。</translation>
    </message>
</context>
<context>
    <name>curator::ui::TaxonomyDock</name>
    <message>
        <source>Taxonomy</source>
        <translation>分类体系</translation>
    </message>
    <message>
        <source>Counting committed images per attribute...</source>
        <translation>正在按属性统计已提交的图像…</translation>
    </message>
    <message>
        <source>Filter attributes</source>
        <translation>筛选属性</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Double-click or press Enter on an attribute to search for it</source>
        <translation>双击属性或在其上按 Enter 键即可搜索该属性</translation>
    </message>
    <message>
        <source>Coverage failed: %1</source>
        <translation>覆盖率统计失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n image(s) in the dataset</source>
        <translation>
            <numerusform>%1：数据集中有 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 attributes have images</source>
        <translation>%2 个属性中有 %1 个已有图像</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) from commits naming no attribute</source>
        <translation>
            <numerusform>%n 张图像来自未指明属性的提交</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>curator::ui::TaxonomyModel</name>
    <message>
        <source>gap</source>
        <translation>空缺</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%1

%2: %n image(s)</source>
        <translation>
            <numerusform>%1

%2：%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n commit(s)</source>
        <translation>
            <numerusform>，分布在 %n 个提交中</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 of %3 attributes have no image yet</source>
        <translation>%1：%3 个属性中有 %2 个尚无图像</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Commits</source>
        <translation>提交数</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>空缺</translation>
    </message>
</context>
<context>
    <name>curator::ui::jobs</name>
    <message>
        <source>%1 of %2 images, %3/s</source>
        <translation>%1 / %2 张图像，%3/秒</translation>
    </message>
    <message>
        <source>%1: %2 images embedded, %3 already there, %4 unreadable%5</source>
        <translation>%1：已嵌入 %2 张图像，%3 张已存在，%4 张无法读取%5</translation>
    </message>
    <message>
        <source> (cancelled: run it again to resume)</source>
        <translation>（已取消：再次运行即可继续）</translation>
    </message>
    <message>
        <source>; first: %1: %2</source>
        <translation>；首个：%1：%2</translation>
    </message>
    <message>
        <source>writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>hashing and writing the release</source>
        <translation>正在计算哈希并写入发布版本</translation>
    </message>
    <message>
        <source>release %1: %2 images (%3 hashed, %4 missing) at head %5</source>
        <translation>发布版本 %1：%2 张图像（%3 张已计算哈希，%4 张缺失），头提交 %5</translation>
    </message>
    <message>
        <source>indexing %1: %2 of %3</source>
        <translation>正在索引 %1：%2 / %3</translation>
    </message>
    <message>
        <source>indexed %1 images in %2 sources</source>
        <translation>已为 %2 个来源中的 %1 张图像建立索引</translation>
    </message>
</context>
</TS>
