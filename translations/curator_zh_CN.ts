<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgentCards</name>
    <message>
        <source>not %1</source>
        <translation>排除 %1</translation>
    </message>
    <message>
        <source> (masked at ≥ %1)</source>
        <translation> （≥ %1 时屏蔽）</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>aesthetics_rate of the last results</source>
        <translation>对上次结果执行 aesthetics_rate</translation>
    </message>
    <message>
        <source>band %1 to %2</source>
        <translation>区间 %1 至 %2</translation>
    </message>
    <message>
        <source>%1 images asked</source>
        <translation>请求 %1 张图像</translation>
    </message>
    <message>
        <source>tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>nothing of %1 unmasked</source>
        <translation>未屏蔽的 %1 张图像中无结果</translation>
    </message>
    <message>
        <source>%1 of %2 unmasked, best %3</source>
        <translation>未屏蔽的 %2 张中取 %1 张，最高 %3</translation>
    </message>
    <message>
        <source> (%1 masked)</source>
        <translation> （%1 张被屏蔽）</translation>
    </message>
    <message>
        <source>%1 rated, mean %2, median %3 (%4 to %5)</source>
        <translation>已评分 %1 张，均值 %2，中位数 %3（%4 至 %5）</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，%1 张失败</translation>
    </message>
    <message>
        <source>%1 distinct images in 1 live commit</source>
        <translation>1 个有效提交中有 %1 张不同的图像</translation>
    </message>
    <message>
        <source>%1 distinct images in %2 live commits</source>
        <translation>%2 个有效提交中有 %1 张不同的图像</translation>
    </message>
    <message>
        <source>; this run added %1</source>
        <translation>；本次运行新增 %1 张</translation>
    </message>
    <message>
        <source>arguments that do not parse: %1</source>
        <translation>无法解析的参数：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1 of %2 in the band</source>
        <translation>区间内 %2 张中的 %1 张</translation>
    </message>
    <message>
        <source>%1 of %2 committed images%3</source>
        <translation>%2 张已提交图像中的 %1 张%3</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> （提交 %1）</translation>
    </message>
    <message>
        <source>%1: %2 images, %3 new</source>
        <translation>%1：%2 张图像，%3 张为新增</translation>
    </message>
    <message>
        <source>undid %1 (%2 images affected)</source>
        <translation>已撤销 %1（影响 %2 张图像）</translation>
    </message>
    <message>
        <source>The run ends here.</source>
        <translation>运行到此结束。</translation>
    </message>
</context>
<context>
    <name>AgentSummaries</name>
    <message>
        <source>similarity %1 to %2</source>
        <translation>相似度 %1 至 %2</translation>
    </message>
    <message>
        <source>not %1</source>
        <translation>排除 %1</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 张图像</translation>
    </message>
    <message>
        <source>commit %1</source>
        <translation>提交 %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>committed %1: %2 images, %3 new</source>
        <translation>已提交 %1：%2 张图像，%3 张为新增</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>您：%1</translation>
    </message>
    <message>
        <source>You paused the run.</source>
        <translation>您暂停了运行。</translation>
    </message>
    <message>
        <source>You resumed the run.</source>
        <translation>您继续了运行。</translation>
    </message>
    <message>
        <source>You stopped the run.</source>
        <translation>您停止了运行。</translation>
    </message>
    <message>
        <source>You stepped one turn.</source>
        <translation>您单步执行了一轮。</translation>
    </message>
    <message>
        <source>You sent: %1</source>
        <translation>您发送了：%1</translation>
    </message>
    <message>
        <source>You asked to approve each commit.</source>
        <translation>您要求每次提交都须经您批准。</translation>
    </message>
    <message>
        <source>You let the agent commit without asking.</source>
        <translation>您允许智能体无需询问即可提交。</translation>
    </message>
    <message>
        <source>You undid commit %1.</source>
        <translation>您撤销了提交 %1。</translation>
    </message>
    <message>
        <source>Your undo of commit %1 failed: %2</source>
        <translation>您对提交 %1 的撤销失败：%2</translation>
    </message>
    <message>
        <source>You approved the commit.</source>
        <translation>您批准了该提交。</translation>
    </message>
    <message>
        <source>You rejected the commit.</source>
        <translation>您拒绝了该提交。</translation>
    </message>
    <message>
        <source>You rejected the commit: %1</source>
        <translation>您拒绝了该提交：%1</translation>
    </message>
    <message>
        <source>You approved the commit at threshold %1 (the agent proposed %2).</source>
        <translation>您以阈值 %1 批准了该提交（智能体提议的是 %2）。</translation>
    </message>
    <message>
        <source>You answered: %1</source>
        <translation>您回答：%1</translation>
    </message>
    <message>
        <source>the offline planner</source>
        <translation>离线规划器</translation>
    </message>
    <message>
        <source>the %1 planner</source>
        <translation>%1 规划器</translation>
    </message>
    <message>
        <source>Note: %1 cannot read messages or reasons; what you wrote is kept in the transcript.</source>
        <translation>注意：%1无法读取消息或理由；您所写的内容已保存在对话记录中。</translation>
    </message>
    <message>
        <source>Waiting %1 s before turn %2 (Step goes on now).</source>
        <translation>第 %2 轮前等待 %1 秒（“单步”可立即继续）。</translation>
    </message>
    <message>
        <source>Paused before turn %1: Step runs one turn, Resume goes on.</source>
        <translation>已在第 %1 轮前暂停：“单步”运行一轮，“继续”则继续运行。</translation>
    </message>
    <message>
        <source>Paused before a commit of %1</source>
        <translation>已在提交 %1 之前暂停</translation>
    </message>
    <message>
        <source> (%1 images)</source>
        <translation> （%1 张图像）</translation>
    </message>
    <message>
        <source>: Step or Resume commits it, Stop does not.</source>
        <translation>：“单步”或“继续”将执行该提交，“停止”则不会。</translation>
    </message>
    <message>
        <source>Waiting (%1).</source>
        <translation>等待中（%1）。</translation>
    </message>
    <message>
        <source>At turn %1, a problem the run recovers from: %2</source>
        <translation>第 %1 轮出现可恢复的问题：%2</translation>
    </message>
    <message>
        <source>A problem the run recovers from: %1</source>
        <translation>出现可恢复的问题：%1</translation>
    </message>
    <message>
        <source>The planner failed at turn %1: %2</source>
        <translation>规划器在第 %1 轮失败：%2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>The agent committed %1: %2 images, %3 new</source>
        <translation>智能体已提交 %1：%2 张图像，%3 张为新增</translation>
    </message>
    <message>
        <source> (similarity ≥ %1)</source>
        <translation> （相似度 ≥ %1）</translation>
    </message>
    <message>
        <source>This run is a fork of run %1 after its turn %2: its branch %3 starts </source>
        <translation>本次运行是运行 %1 在其第 %2 轮之后的分叉：其分支 %3 </translation>
    </message>
    <message>
        <source>empty (%1 had committed nothing by then).</source>
        <translation>起始为空（当时 %1 尚未提交任何内容）。</translation>
    </message>
    <message>
        <source>at commit %1 of %2.</source>
        <translation>起始于 %2 的提交 %1。</translation>
    </message>
    <message>
        <source>Your instruction: %1</source>
        <translation>您的指令：%1</translation>
    </message>
    <message>
        <source>The agent received your message before turn %1: %2</source>
        <translation>智能体在第 %1 轮前收到了您的消息：%2</translation>
    </message>
</context>
<context>
    <name>AgentTurnStats</name>
    <message>
        <source>%1 tokens (%2 in, %3 out)</source>
        <translation>%1 个令牌（输入 %2，输出 %3）</translation>
    </message>
    <message>
        <source>about %1 tokens estimated</source>
        <translation>估计约 %1 个令牌</translation>
    </message>
    <message>
        <source>1 image sent</source>
        <translation>已发送 1 张图像</translation>
    </message>
    <message>
        <source>%1 images sent</source>
        <translation>已发送 %1 张图像</translation>
    </message>
    <message>
        <source>Turn %1: %2, %3</source>
        <translation>第 %1 轮：%2，%3</translation>
    </message>
    <message>
        <source>, under 1 s</source>
        <translation>，不到 1 秒</translation>
    </message>
    <message>
        <source>, %1 s</source>
        <translation>，%1 秒</translation>
    </message>
</context>
<context>
    <name>DockLayout</name>
    <message>
        <source>Supervise a run</source>
        <translation>监督运行</translation>
    </message>
    <message>
        <source>Curate by hand</source>
        <translation>手动策展</translation>
    </message>
</context>
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
    <name>curator::ui::AgentBridge</name>
    <message>
        <source>run %1 ended in its process without finishing (its lock was released); resume it to go on</source>
        <translation>运行 %1 在其进程中未完成即结束（其锁已释放）；可恢复运行以继续</translation>
    </message>
</context>
<context>
    <name>curator::ui::AgentCardDelegate</name>
    <message>
        <source>T%1 · %2</source>
        <translation>第 %1 轮 · %2</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>原始数据</translation>
    </message>
    <message>
        <source>Show in grid</source>
        <translation>在网格中显示</translation>
    </message>
    <message>
        <source>Open the grid the agent saw</source>
        <translation>打开智能体看到的网格</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
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
        <source>Planner: %1 at %2
</source>
        <translation>规划器：%1（%2）
</translation>
    </message>
    <message>
        <source>Pause before each turn</source>
        <translation>每轮前暂停</translation>
    </message>
    <message>
        <source>each commit</source>
        <translation>每次提交前</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>审阅…</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Wait this long before each turn, to watch the run (Step goes on at once)</source>
        <translation>每轮开始前等待这么长时间，以便观察运行（“单步”可立即继续）</translation>
    </message>
    <message>
        <source>The run waits before each turn: Step runs one turn, Resume one too</source>
        <translation>运行在每轮前等待：“单步”运行一轮，“继续”也运行一轮</translation>
    </message>
    <message>
        <source>Pause before each commit: Step or Resume commits, Stop does not</source>
        <translation>每次提交前暂停：“单步”或“继续”将执行提交，“停止”则不会</translation>
    </message>
    <message>
        <source>Delay per turn</source>
        <translation>每轮延迟</translation>
    </message>
    <message>
        <source>&lt;b&gt;A commit awaits your approval.&lt;/b&gt;</source>
        <translation>&lt;b&gt;有一个提交正等待您批准。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The agent asks you:&lt;/b&gt;</source>
        <translation>&lt;b&gt;智能体向您提问：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Your answer (the agent waits for it)</source>
        <translation>您的回答（智能体正在等待）</translation>
    </message>
    <message>
        <source>Approve also</source>
        <translation>还需批准</translation>
    </message>
    <message>
        <source>Planner: offline heuristic (it cannot read messages)
</source>
        <translation>规划器：离线启发式（无法读取消息）
</translation>
    </message>
    <message>
        <source>Resuming run %1
</source>
        <translation>正在继续运行 %1
</translation>
    </message>
    <message>
        <source>%1 in, %2 out</source>
        <translation>输入 %1，输出 %2</translation>
    </message>
    <message>
        <source>The last answer: %1 prompt tokens, %2 completion tokens (as the endpoint counted them).</source>
        <translation>上一次回答：%1 个提示令牌，%2 个补全令牌（按端点的计数）。</translation>
    </message>
    <message>
        <source>
The conversation was compacted before turn %1 to stay within the context budget (about %2 → %3 tokens). The agent&apos;s notes:
%4
</source>
        <translation>
为保持在上下文预算之内，对话已在第 %1 轮前压缩（约 %2 → %3 个令牌）。智能体的笔记：
%4
</translation>
    </message>
    <message>
        <source>
The agent&apos;s summary: %1
</source>
        <translation>
智能体的总结：%1
</translation>
    </message>
    <message>
        <source>~%1/%2 ctx</source>
        <translation>~%1/%2 上下文</translation>
    </message>
    <message>
        <source>Estimated cost of the request for turn %1: %2 text tokens and %3 image tokens (%4 images); the run&apos;s budget is %5 tokens.</source>
        <translation>第 %1 轮请求的估计开销：%2 个文本令牌和 %3 个图像令牌（%4 张图像）；本次运行的预算为 %5 个令牌。</translation>
    </message>
    <message>
        <source> Older turns were trimmed from ~%1 tokens: %2 grids downscaled, %3 removed, %4 results shortened.</source>
        <translation> 较早的轮次已从约 %1 个令牌精简：%2 个网格被缩小，%3 个被移除，%4 个结果被缩短。</translation>
    </message>
    <message>
        <source>
The agent asks to run %1: it waits for your approval.
</source>
        <translation>
智能体请求运行 %1：正在等待您批准。
</translation>
    </message>
    <message>
        <source>
The agent asks to commit %1 images of “%2” at similarity ≥ %3: it waits for your approval.
</source>
        <translation>
智能体请求以相似度 ≥ %3 提交“%2”的图像（数量：%1）：正在等待您批准。
</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>
The agent asked, and the run ends here: %1
</source>
        <translation>
智能体提出了问题，运行到此结束：%1
</translation>
    </message>
    <message>
        <source>
The agent asks you: %1
</source>
        <translation>
智能体向您提问：%1
</translation>
    </message>
    <message>
        <source>The agent waits for your answer</source>
        <translation>智能体正在等待您的回答</translation>
    </message>
    <message>
        <source>Your answer to the agent&apos;s question</source>
        <translation>您对智能体问题的回答</translation>
    </message>
    <message>
        <source>Arguments, as the agent wrote them:
%1

Result:
%2</source>
        <translation>参数（智能体所写的原样）：
%1

结果：
%2</translation>
    </message>
    <message>
        <source>(not yet)</source>
        <translation>（尚无）</translation>
    </message>
    <message>
        <source>%1 (call %2): raw</source>
        <translation>%1（调用 %2）：原始数据</translation>
    </message>
    <message>
        <source>The grid %1 cannot be read.</source>
        <translation>无法读取网格 %1。</translation>
    </message>
    <message>
        <source>The grid the agent saw: %1</source>
        <translation>智能体看到的网格：%1</translation>
    </message>
    <message>
        <source>Fork…</source>
        <translation>分叉…</translation>
    </message>
    <message>
        <source>Fork from the selected card&apos;s turn: a new run from the end of that turn, with the dataset as it was then (also in the cards&apos; context menu)</source>
        <translation>从所选卡片所在的轮次分叉：从该轮结束处开始一次新运行，使用当时的数据集（也可通过卡片的右键菜单操作）</translation>
    </message>
    <message>
        <source>The fork failed: %1</source>
        <translation>分叉失败：%1</translation>
    </message>
    <message>
        <source>The replay cannot be shown: %1</source>
        <translation>无法显示回放：%1</translation>
    </message>
    <message>
        <source>Fork from turn %1…</source>
        <translation>从第 %1 轮分叉…</translation>
    </message>
    <message>
        <source>The run is in the middle of a turn: pause it first</source>
        <translation>运行正处于某一轮之中：请先暂停</translation>
    </message>
    <message>
        <source>A fork starts between turns: pause the run (or wait for it to finish) first.</source>
        <translation>分叉只能在两轮之间开始：请先暂停运行（或等待其完成）。</translation>
    </message>
    <message>
        <source>A run is in progress: stop it (or pause it between turns) before forking.</source>
        <translation>有运行正在进行：分叉前请先将其停止（或在两轮之间暂停）。</translation>
    </message>
    <message>
        <source>Stopping run %1 to fork it after turn %2…</source>
        <translation>正在停止运行 %1，以便在第 %2 轮之后将其分叉…</translation>
    </message>
    <message>
        <source>Forking run %1 after turn %2…</source>
        <translation>正在第 %2 轮之后分叉运行 %1…</translation>
    </message>
    <message>
        <source>Run %1 is a fork of %2 after turn %3, on branch %4 (no commit yet).</source>
        <translation>运行 %1 是 %2 在第 %3 轮之后的分叉，位于分支 %4 上（尚无提交）。</translation>
    </message>
    <message>
        <source>Run %1 is a fork of %2 after turn %3, on branch %4 from commit %5.</source>
        <translation>运行 %1 是 %2 在第 %3 轮之后的分叉，位于分支 %4 上，起始于提交 %5。</translation>
    </message>
    <message>
        <source>The control did not reach the run: %1</source>
        <translation>控制指令未能送达运行：%1</translation>
    </message>
    <message>
        <source>A run is in progress here: stop it (or wait for it) before supervising run %1.</source>
        <translation>此处有运行正在进行：请先停止它（或等待其结束），再监督运行 %1。</translation>
    </message>
    <message>
        <source>Run %1 is not running in another process (no process holds its lock).</source>
        <translation>运行 %1 并未在其他进程中运行（没有进程持有其锁）。</translation>
    </message>
    <message>
        <source>Supervising run %1, which runs in another process: what it does appears here as it happens, and your controls are sent to it.</source>
        <translation>正在监督运行 %1（它在另一个进程中运行）：它的每一步会实时显示在这里，你的控制指令会发送给它。</translation>
    </message>
    <message>
        <source>~%1 ctx</source>
        <translation>~%1 上下文</translation>
    </message>
</context>
<context>
    <name>curator::ui::ApprovalDialog</name>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Approve at the edited threshold</source>
        <translation>按修改后的阈值批准</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <source>Approve the agent&apos;s call?</source>
        <translation>批准智能体的调用？</translation>
    </message>
    <message>
        <source>Why reject? (optional; the agent reads it)</source>
        <translation>拒绝理由？（可选；智能体会读取）</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Similarity of every unmasked image (drag the line):</source>
        <translation>每张未屏蔽图像的相似度（拖动阈值线）：</translation>
    </message>
    <message>
        <source>Approve at %1</source>
        <translation>按 %1 批准</translation>
    </message>
    <message>
        <source>at %1: counting…</source>
        <translation>阈值 %1：正在计数…</translation>
    </message>
    <message>
        <source>&lt;b&gt;at %1: %2 images, %3 new&lt;/b&gt;%4</source>
        <translation>&lt;b&gt;阈值 %1：%2 张图像，%3 张为新增&lt;/b&gt;%4</translation>
    </message>
    <message>
        <source> (the agent&apos;s threshold)</source>
        <translation> （智能体的阈值）</translation>
    </message>
    <message>
        <source>Approve the agent&apos;s %1?</source>
        <translation>批准智能体的 %1？</translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to &lt;b&gt;undo commit %1&lt;/b&gt; on its branch.&lt;/p&gt;</source>
        <translation>&lt;p&gt;智能体想要在其分支上&lt;b&gt;撤销提交 %1&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to &lt;b&gt;rate the aesthetics&lt;/b&gt; of a sample of images (a call of the scoring model per image).&lt;/p&gt;</source>
        <translation>&lt;p&gt;智能体想要对一批样本图像&lt;b&gt;进行美学评分&lt;/b&gt;（每张图像调用一次评分模型）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to run &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;智能体想要运行 &lt;b&gt;%1&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&lt;p&gt;Approve runs it; Reject tells the agent why it did not run.&lt;/p&gt;</source>
        <translation>&lt;p&gt;“批准”即执行；“拒绝”则告知智能体未执行的原因。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Approve the agent&apos;s commit?</source>
        <translation>批准智能体的提交？</translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to commit the images matching &lt;b&gt;%1&lt;/b&gt; at similarity &lt;b&gt;≥ %2&lt;/b&gt;</source>
        <translation>&lt;p&gt;智能体想要提交与 &lt;b&gt;%1&lt;/b&gt; 相似度 &lt;b&gt;≥ %2&lt;/b&gt; 的图像</translation>
    </message>
    <message>
        <source>, leaving out those like &lt;b&gt;%1&lt;/b&gt; (negative threshold %2)</source>
        <translation>，排除与 &lt;b&gt;%1&lt;/b&gt; 相似的图像（负向阈值 %2）</translation>
    </message>
    <message>
        <source>, from source %1</source>
        <translation>，来源为 %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 images&lt;/b&gt; would be committed, &lt;b&gt;%2 new&lt;/b&gt; to the branch.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将提交 &lt;b&gt;%1 张图像&lt;/b&gt;，其中 &lt;b&gt;%2 张&lt;/b&gt;对该分支而言是新增的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 images&lt;/b&gt; would be committed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将提交 &lt;b&gt;%1 张图像&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A sample of %1 of the %2 images:</source>
        <translation>%2 张图像中的 %1 张样本：</translation>
    </message>
    <message>
        <source>&lt;p&gt;How many images it takes is unknown: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;将包含多少张图像尚不可知：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Its message: &lt;i&gt;%1&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;其说明：&lt;i&gt;%1&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Below the floor of %1&lt;/b&gt;: the agent may not make this commit on its own; it runs only if you approve it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;低于下限 %1&lt;/b&gt;：智能体不能自行进行此提交；只有经您批准才会执行。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>curator::ui::ApprovalToolsBox</name>
    <message>
        <source>undos</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>ratings</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>The agent&apos;s undo of a commit waits for your approval</source>
        <translation>智能体对提交的撤销需等待您批准</translation>
    </message>
    <message>
        <source>The agent&apos;s aesthetic ratings (a model call per image) wait for your approval</source>
        <translation>智能体的美学评分（每张图像调用一次模型）需等待您批准</translation>
    </message>
</context>
<context>
    <name>curator::ui::BalanceChartView</name>
    <message>
        <source>Run the report to see the balance of the dataset.</source>
        <translation>运行报告即可查看数据集的均衡情况。</translation>
    </message>
    <message>
        <source>no attribute</source>
        <translation>无属性</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
</context>
<context>
    <name>curator::ui::BatchRunDialog</name>
    <message>
        <source>Start batch</source>
        <translation>开始批量运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run a batch of themes</source>
        <translation>批量运行多个主题</translation>
    </message>
    <message>
        <source>One theme per line, e.g.
VHS decay and analog glitch
motion blur</source>
        <translation>每行一个主题，例如：
VHS 老化与模拟信号故障
运动模糊</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>One run and branch agent/&lt;run id&gt; per theme, with the endpoint and run settings of Settings. A stopped batch continues with curator-cli agent batch resume.</source>
        <translation>每个主题对应一次运行和一个分支 agent/&lt;run id&gt;，使用“设置”中的端点和运行设置。已停止的批次可通过 curator-cli agent batch resume 继续。</translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <source>theme %1 of %2: %3</source>
        <translation>主题 %1 / %2：%3</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>typed below, one per line</source>
        <translation>在下方输入，每行一个</translation>
    </message>
    <message>
        <source>every attribute of %1 / %2 (%3)</source>
        <translation>%1 / %2 的全部属性（%3 个）</translation>
    </message>
    <message>
        <source>No themes: type one per line or pick a category.</source>
        <translation>没有主题：请每行输入一个，或选择一个类别。</translation>
    </message>
    <message>
        <source>The agent is running: stop its run first.</source>
        <translation>智能体正在运行：请先停止其运行。</translation>
    </message>
    <message numerus="yes">
        <source>Starting %n theme(s)...</source>
        <translation>
            <numerusform>正在启动 %n 个主题...</numerusform>
        </translation>
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
        <source>Remove from this commit</source>
        <translation>从此提交中移除</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) removed from its target</source>
        <translation>
            <numerusform>从目标中移除了 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>The images it removed from %1 (%2 shown)</source>
        <translation>它从 %1 中移除的图像（显示 %2 张）</translation>
    </message>
    <message>
        <source>Sample of %1 of its images (right-click one to remove it from the commit)</source>
        <translation>其中 %1 张图像的样本（右键单击一张可将其从提交中移除）</translation>
    </message>
</context>
<context>
    <name>curator::ui::CommitLogDock</name>
    <message>
        <source>Commits</source>
        <translation>提交记录</translation>
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
    <message>
        <source>fork of %1 @ turn %2</source>
        <translation>分叉自 %1 @ 第 %2 轮</translation>
    </message>
    <message>
        <source>%1: fork of %2 @ turn %3</source>
        <translation>%1：分叉自 %2 @ 第 %3 轮</translation>
    </message>
</context>
<context>
    <name>curator::ui::DatasetQualityWindow</name>
    <message>
        <source>Dataset quality</source>
        <translation>数据集质量</translation>
    </message>
    <message>
        <source>&amp;Near-duplicates</source>
        <translation>近似重复(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Balance</source>
        <translation>均衡(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Scorer report</source>
        <translation>评分模型报告(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 of %2 images compared</source>
        <translation>已比较 %1 / %2 张图像</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1 of %2 images scored</source>
        <translation>已评分 %1 / %2 张图像</translation>
    </message>
    <message>
        <source>Cancelled: the scorer report was stopped.</source>
        <translation>已取消：评分模型报告已停止。</translation>
    </message>
    <message>
        <source>Cancelled: the search for near-duplicates was stopped.</source>
        <translation>已取消：近似重复查找已停止。</translation>
    </message>
    <message>
        <source>Two images are near-duplicates when the cosine of their embeddings reaches this</source>
        <translation>两张图像的嵌入余弦相似度达到此值时，即视为近似重复</translation>
    </message>
    <message>
        <source>&amp;Find near-duplicates</source>
        <translation>查找近似重复(&amp;F)</translation>
    </message>
    <message>
        <source>Comparing the dataset&apos;s images…</source>
        <translation>正在比较数据集中的图像…</translation>
    </message>
    <message>
        <source>Cosine threshold:</source>
        <translation>余弦阈值：</translation>
    </message>
    <message>
        <source>Find the groups of near-duplicate images in the checked-out branch&apos;s dataset.</source>
        <translation>在当前检出分支的数据集中查找近似重复的图像组。</translation>
    </message>
    <message>
        <source>Images each attribute should hold; the attributes under it are listed</source>
        <translation>每个属性应包含的图像数；低于此数的属性会被列出</translation>
    </message>
    <message>
        <source>&amp;Report balance</source>
        <translation>生成均衡报告(&amp;R)</translation>
    </message>
    <message>
        <source>Target per attribute:</source>
        <translation>每个属性的目标数：</translation>
    </message>
    <message>
        <source>Only attributes with &amp;images</source>
        <translation>仅显示有图像的属性(&amp;I)</translation>
    </message>
    <message>
        <source>Images per taxonomy attribute and direction in the checked-out branch.</source>
        <translation>当前检出分支中按分类体系属性和方向统计的图像数。</translation>
    </message>
    <message>
        <source>Seed of the preference pairs (the same seed gives the same pairs)</source>
        <translation>偏好对的随机种子（相同的种子生成相同的偏好对）</translation>
    </message>
    <message>
        <source>&amp;Evaluate the scorer</source>
        <translation>评估评分模型(&amp;E)</translation>
    </message>
    <message>
        <source>Forming the preference pairs and scoring both sides…</source>
        <translation>正在组成偏好对并为两侧图像评分…</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>Pairs each anti-aesthetic image of the dataset with its nearest clean image and asks how often the workspace&apos;s scorer prefers the anti-aesthetic one for a prompt that asks for it (50% is no preference; a scorer that respects the prompt is near 100%).</source>
        <translation>将数据集中的每张反美学图像与其最相近的干净图像配对，并统计在提示词要求反美学效果时，工作区的评分模型有多大比例更偏好反美学图像（50% 表示没有偏好；遵循提示词的评分模型接近 100%）。</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>偏好对数</translation>
    </message>
    <message>
        <source>Anti preferred</source>
        <translation>偏好反美学</translation>
    </message>
    <message>
        <source>Ties</source>
        <translation>平局</translation>
    </message>
    <message>
        <source>Preference rate</source>
        <translation>偏好率</translation>
    </message>
    <message>
        <source>Anti mean</source>
        <translation>反美学均值</translation>
    </message>
    <message>
        <source>Clean mean</source>
        <translation>干净图像均值</translation>
    </message>
    <message>
        <source>%1 on %2: %3 of %4 pairs scored; the scorer prefers the anti-aesthetic image in %5 of them (%6 ties). Scores: %7 from the cache, %8 made.</source>
        <translation>%1（分支 %2）：已评分 %3 / %4 个偏好对；评分模型在其中 %5 的偏好对中更偏好反美学图像（%6 个平局）。分数：%7 个来自缓存，%8 个为新计算。</translation>
    </message>
    <message numerus="yes">
        <source>%1, cosine ≥ %2 (%3): %n group(s)</source>
        <translation>
            <numerusform>%1，余弦 ≥ %2（%3）：%n 组</numerusform>
        </translation>
    </message>
    <message>
        <source> holding %1 of the %2 images; keeping one image per group would drop %3.</source>
        <translation>，包含 %2 张图像中的 %1 张；每组只保留一张图像将去掉 %3 张。</translation>
    </message>
    <message>
        <source>%1 images have no embedding of %2 and were not compared.</source>
        <translation>%1 张图像没有 %2 的嵌入，未参与比较。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s), cosine %1–%2</source>
        <translation>
            <numerusform>%n 张图像，余弦 %1–%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept: %1</source>
        <translation>保留：%1</translation>
    </message>
    <message numerus="yes">
        <source>in %n commit(s)</source>
        <translation>
            <numerusform>位于 %n 个提交中</numerusform>
        </translation>
    </message>
    <message>
        <source>kept; %1</source>
        <translation>保留；%1</translation>
    </message>
    <message>
        <source>kept: %1</source>
        <translation>保留：%1</translation>
    </message>
    <message>
        <source>Group %1 of %2: the first image is the one a de-duplication keeps (held by the most commits); the others would be dropped.</source>
        <translation>第 %1 组，共 %2 组：第一张图像是去重时保留的图像（被最多的提交包含）；其余图像将被去掉。</translation>
    </message>
    <message>
        <source>%1: %2 images; %3 of %4 attributes hold images; evenness J = %5, smallest/largest %6.</source>
        <translation>%1：%2 张图像；%4 个属性中有 %3 个包含图像；均匀度 J = %5，最小/最大 %6。</translation>
    </message>
    <message numerus="yes">
        <source>%n attribute(s) under the target of %1: %2</source>
        <translation>
            <numerusform>%n 个属性低于目标 %1：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>No two images of the dataset reach a cosine of %1: nothing to de-duplicate.</source>
        <translation>数据集中没有任何两张图像的余弦达到 %1：无需去重。</translation>
    </message>
    <message>
        <source>Save with a &amp;release…</source>
        <translation>随发布保存(&amp;R)…</translation>
    </message>
    <message>
        <source>Add this report (JSON, plot, a section of the card) to a release of this workspace, as evaluate-scorer --release does</source>
        <translation>将此报告（JSON、图表、数据卡的一节）添加到此工作区的一个发布中，与 evaluate-scorer --release 相同</translation>
    </message>
    <message>
        <source>There is no release to save the report with yet: make one with File &gt; Export release, then save the report.</source>
        <translation>还没有可以保存报告的发布：先用 文件 &gt; 导出发布 创建一个，再保存报告。</translation>
    </message>
    <message>
        <source>Save the scorer report with a release</source>
        <translation>随发布保存评分模型报告</translation>
    </message>
    <message>
        <source>Release:</source>
        <translation>发布：</translation>
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
    <name>curator::ui::EmptyStatePage</name>
    <message>
        <source>&lt;h2&gt;Start here&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;从这里开始&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Let the agent curate a theme:&lt;/b&gt; type a theme in the Agent panel and press Run, or pick one below. Its reasoning, searches and commits appear as it works; tick &lt;i&gt;Approve commits&lt;/i&gt; to decide each one.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Or search by hand:&lt;/b&gt; press Ctrl+F, type what the images should show (and what they must not, as negatives), then review the grid with A (accept), R (reject) and U (clear).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;让智能体策展一个主题：&lt;/b&gt;在“智能体”面板中输入主题并按“运行”，或从下方选择一个。它的推理、搜索和提交会在工作过程中实时显示；勾选&lt;i&gt;审批提交&lt;/i&gt;即可逐一决定每个提交。&lt;/p&gt;&lt;p&gt;&lt;b&gt;或者手动搜索：&lt;/b&gt;按 Ctrl+F，输入图像应呈现的内容（以及作为负向提示词的不应出现的内容），然后在网格中用 A（接受）、R（拒绝）和 U（清除）进行审阅。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Example themes this workspace&apos;s embedder can serve:&lt;/b&gt;</source>
        <translation>&lt;b&gt;此工作区的嵌入模型可支持的示例主题：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Run the agent</source>
        <translation>运行智能体</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>curator::ui::ForkDialog</name>
    <message>
        <source>Fork from turn %1</source>
        <translation>从第 %1 轮分叉</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fork run %1 after turn %2 of %3&lt;/b&gt;</source>
        <translation>&lt;b&gt;在第 %2 轮（共 %3 轮）之后分叉运行 %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fork run %1 after turn %2&lt;/b&gt;</source>
        <translation>&lt;b&gt;在第 %2 轮之后分叉运行 %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>A new run starts with the conversation up to the end of this turn, on a new branch that holds the dataset as it was then. The original run and its branch stay as they are.</source>
        <translation>新运行将从截至本轮结束时的对话开始，位于一个新分支上，该分支保存当时的数据集。原运行及其分支保持不变。</translation>
    </message>
    <message>
        <source>A new instruction for the fork (optional), e.g. “try film grain instead”</source>
        <translation>给分叉的新指令（可选），例如“改为尝试胶片颗粒”</translation>
    </message>
    <message>
        <source>Fork</source>
        <translation>分叉</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>指令</translation>
    </message>
</context>
<context>
    <name>curator::ui::HistogramDock</name>
    <message>
        <source>Similarity histogram</source>
        <translation>相似度直方图</translation>
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
        <source>Commit the images at or above the threshold (you give the reason next)</source>
        <translation>提交相似度不低于阈值的图像（接下来需填写理由）</translation>
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
    <message>
        <source>the search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>curator::ui::LogBridge</name>
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
    <message numerus="yes">
        <source>removed %n image(s) from %1 on %2 with %3 (undo it to put them back): %4 left the dataset</source>
        <translation>
            <numerusform>在 %2 上以 %3 从 %1 中移除了 %n 张图像（撤销即可放回）：%4 张离开了数据集</numerusform>
        </translation>
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
    <message>
        <source>showing %1 of %2 results (the range selected on the histogram)</source>
        <translation>显示 %2 个结果中的 %1 个（直方图上所选的区间）</translation>
    </message>
    <message numerus="yes">
        <source> (%n image(s) you rejected left out)</source>
        <translation>
            <numerusform> （已排除您拒绝的 %n 张图像）</numerusform>
        </translation>
    </message>
    <message>
        <source>Layout reset to &quot;%1&quot;.</source>
        <translation>布局已重置为“%1”。</translation>
    </message>
    <message>
        <source>The agent&apos;s search cannot be shown: %1</source>
        <translation>无法显示智能体的搜索：%1</translation>
    </message>
    <message numerus="yes">
        <source>The agent&apos;s rating of %n image(s)</source>
        <translation>
            <numerusform>智能体对 %n 张图像的评分</numerusform>
        </translation>
    </message>
    <message>
        <source>The agent&apos;s call cannot be shown: %1</source>
        <translation>无法显示智能体的调用：%1</translation>
    </message>
    <message>
        <source>Why do the images at or above %1 belong in the dataset?</source>
        <translation>为什么相似度不低于 %1 的图像应进入数据集？</translation>
    </message>
    <message numerus="yes">
        <source>The %n image(s) you rejected are left out.</source>
        <translation>
            <numerusform>您拒绝的 %n 张图像已被排除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Commit above threshold</source>
        <translation>提交阈值以上的图像</translation>
    </message>
    <message>
        <source>The workspace&apos;s embeddings cannot be opened: %1</source>
        <translation>无法打开工作区的嵌入：%1</translation>
    </message>
    <message>
        <source>workspace %1 | the embeddings cannot be opened</source>
        <translation>工作区 %1 | 无法打开嵌入</translation>
    </message>
    <message>
        <source>Export dataset.json in the &amp;original system&apos;s format...</source>
        <translation>以原系统格式导出 dataset.json(&amp;O)...</translation>
    </message>
    <message>
        <source>Export dataset.json (original format)</source>
        <translation>导出 dataset.json（原系统格式）</translation>
    </message>
    <message>
        <source>Commit &amp;above threshold...</source>
        <translation>提交阈值以上的图像(&amp;A)...</translation>
    </message>
    <message>
        <source>Search first: a threshold commit takes the last search&apos;s images.</source>
        <translation>请先搜索：按阈值提交使用的是上次搜索的图像。</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>智能体(&amp;A)</translation>
    </message>
    <message>
        <source>Run a &amp;batch of themes...</source>
        <translation>批量运行多个主题(&amp;B)...</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>The fork failed: %1</source>
        <translation>分叉失败：%1</translation>
    </message>
    <message>
        <source>Leave out near-duplicates (embedding cosine ≥ %1), keeping one image of each group?</source>
        <translation>排除近似重复图像（嵌入余弦 ≥ %1），每组只保留一张图像？</translation>
    </message>
    <message>
        <source>Export &amp;preference pairs...</source>
        <translation>导出偏好对(&amp;P)...</translation>
    </message>
    <message>
        <source>Export preference pairs</source>
        <translation>导出偏好对</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <source>Exporting preference pairs</source>
        <translation>正在导出偏好对</translation>
    </message>
    <message>
        <source>Near-&amp;duplicates...</source>
        <translation>近似重复(&amp;D)...</translation>
    </message>
    <message>
        <source>&amp;Balance...</source>
        <translation>均衡(&amp;B)...</translation>
    </message>
    <message>
        <source>Scorer &amp;report...</source>
        <translation>评分模型报告(&amp;R)...</translation>
    </message>
</context>
<context>
    <name>curator::ui::ModelCheckPanel</name>
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
        <source>%1 failed: %2</source>
        <translation>%1 检查失败：%2</translation>
    </message>
    <message>
        <source>%1: %2, %3 dimensions, as the store&apos;s rows</source>
        <translation>%1：%2，%3 维，与库中向量一致</translation>
    </message>
    <message>
        <source>%1: %2, %3 dimensions (the store is empty: any dimension fits)</source>
        <translation>%1：%2，%3 维（库为空：任何维度都可以）</translation>
    </message>
    <message>
        <source>%1: %2, test score %3 on [%4, %5]</source>
        <translation>%1：%2，测试评分 %3（区间 [%4, %5]）</translation>
    </message>
    <message>
        <source>%1: %2, reads the captions beside the images</source>
        <translation>%1：%2，读取图片旁的描述</translation>
    </message>
    <message>
        <source>%1: %2: &quot;%3&quot;</source>
        <translation>%1：%2：“%3”</translation>
    </message>
    <message>
        <source>Check models</source>
        <translation>检查模型</translation>
    </message>
    <message>
        <source>Try each model on a test image: the embedder&apos;s dimension against the store&apos;s, a test caption and a test score. OK checks changed models too.</source>
        <translation>用一张测试图片试用每个模型：嵌入维度与库中向量对比、一条测试描述和一个测试评分。点击“确定”时也会检查改动过的模型。</translation>
    </message>
    <message>
        <source>Check models tries each model on a test image: the embedder&apos;s dimension against the store&apos;s, a caption, a score.</source>
        <translation>“检查模型”会用一张测试图片试用每个模型：嵌入维度与库中向量对比、一条描述、一个评分。</translation>
    </message>
    <message>
        <source>Checking %1 of %2: %3...</source>
        <translation>正在检查第 %1 项，共 %2 项：%3…</translation>
    </message>
    <message>
        <source>Checking the models...</source>
        <translation>正在检查模型…</translation>
    </message>
    <message>
        <source>Check stopped; nothing was saved.</source>
        <translation>检查已停止；未保存任何内容。</translation>
    </message>
    <message>
        <source>Stop check</source>
        <translation>停止检查</translation>
    </message>
    <message>
        <source>Stopped before every model was checked.</source>
        <translation>在检查完所有模型之前已停止。</translation>
    </message>
    <message>
        <source>No model changed: nothing to check.</source>
        <translation>没有模型改动：无需检查。</translation>
    </message>
</context>
<context>
    <name>curator::ui::PendingMessagesView</name>
    <message>
        <source>pending: %1</source>
        <translation>待送达：%1</translation>
    </message>
    <message>
        <source>delivered: %1</source>
        <translation>已送达：%1</translation>
    </message>
    <message>
        <source>not delivered (the run ended): %1</source>
        <translation>未送达（运行已结束）：%1</translation>
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
    <message>
        <source>removed it from %1, undone by %2</source>
        <translation>已将其从 %1 中移除，已被 %2 撤销</translation>
    </message>
    <message>
        <source>removed it from %1</source>
        <translation>已将其从 %1 中移除</translation>
    </message>
    <message>
        <source>remove it from this commit</source>
        <translation>从此提交中移除</translation>
    </message>
    <message>
        <source>image removed by %1</source>
        <translation>图像已被 %1 移除</translation>
    </message>
    <message>
        <source>put it back</source>
        <translation>放回</translation>
    </message>
</context>
<context>
    <name>curator::ui::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Move through the results to see each image here.</source>
        <translation>在结果中移动，即可在此查看每张图像。</translation>
    </message>
    <message>
        <source>%1/%2  similarity %3%4</source>
        <translation>%1/%2  相似度 %3%4</translation>
    </message>
    <message>
        <source>loading ...</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>curator::ui::QualityBridge</name>
    <message>
        <source>The scorer report is saved with release %1: its manifest lists %2 and %3, and its card shows the report.</source>
        <translation>评分模型报告已随发布 %1 保存：其清单列出 %2 和 %3，其数据卡展示该报告。</translation>
    </message>
</context>
<context>
    <name>curator::ui::ReplayController</name>
    <message>
        <source>Run %1 has no turn to replay.</source>
        <translation>运行 %1 没有可回放的轮次。</translation>
    </message>
</context>
<context>
    <name>curator::ui::ReplayPanel</name>
    <message>
        <source>Fork from this turn…</source>
        <translation>从此轮分叉…</translation>
    </message>
    <message>
        <source>Leave replay</source>
        <translation>退出回放</translation>
    </message>
    <message>
        <source>A new run from the end of this turn, with the dataset as it was then</source>
        <translation>从本轮结束处开始一次新运行，使用当时的数据集</translation>
    </message>
    <message>
        <source>Back to the live view of the agent</source>
        <translation>返回智能体的实时视图</translation>
    </message>
    <message>
        <source>Replay of run %1: %2</source>
        <translation>运行 %1 的回放：%2</translation>
    </message>
    <message>
        <source>(forked from %1 at turn %2)</source>
        <translation>（在第 %2 轮分叉自 %1）</translation>
    </message>
    <message>
        <source>(stopped before it finished)</source>
        <translation>（在完成前已停止）</translation>
    </message>
    <message>
        <source>The grids the agent received from %1 (turn %2):</source>
        <translation>智能体从 %1 收到的网格（第 %2 轮）：</translation>
    </message>
    <message>
        <source>Reading the transcript of run %1…</source>
        <translation>正在读取运行 %1 的对话记录…</translation>
    </message>
    <message>
        <source>The agent received no grid in turn %1.</source>
        <translation>智能体在第 %1 轮未收到网格。</translation>
    </message>
    <message>
        <source>The grids the agent received in turn %1:</source>
        <translation>智能体在第 %1 轮收到的网格：</translation>
    </message>
    <message>
        <source>Arguments, as the agent wrote them:
%1

Result:
%2</source>
        <translation>参数（智能体所写的原样）：
%1

结果：
%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 (call %2): raw</source>
        <translation>%1（调用 %2）：原始数据</translation>
    </message>
    <message>
        <source>Fork from turn %1…</source>
        <translation>从第 %1 轮分叉…</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Run %1 started: %2 (planner %3, %4)</source>
        <translation>运行 %1 已开始：%2（规划器 %3，%4）</translation>
    </message>
    <message>
        <source>The run was resumed after %1 turns.</source>
        <translation>运行在 %1 轮之后被继续。</translation>
    </message>
    <message>
        <source>Turn %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>The agent asked: %1</source>
        <translation>智能体提出了问题：%1</translation>
    </message>
    <message>
        <source>The agent asked to run %1 and waited for approval.</source>
        <translation>智能体请求运行 %1，并等待批准。</translation>
    </message>
    <message>
        <source>The conversation was compacted before turn %1 to stay within the context budget.</source>
        <translation>为保持在上下文预算之内，对话已在第 %1 轮前压缩。</translation>
    </message>
    <message>
        <source>The run finished (%1).</source>
        <translation>运行已完成（%1）。</translation>
    </message>
    <message>
        <source>The run finished (%1). The agent&apos;s summary: %2</source>
        <translation>运行已完成（%1）。智能体的总结：%2</translation>
    </message>
</context>
<context>
    <name>curator::ui::ReplayStepBar</name>
    <message>
        <source>First</source>
        <translation>首轮</translation>
    </message>
    <message>
        <source>The first turn</source>
        <translation>第一轮</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一轮</translation>
    </message>
    <message>
        <source>The previous turn</source>
        <translation>上一轮</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一轮 ▶</translation>
    </message>
    <message>
        <source>The next turn</source>
        <translation>下一轮</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>末轮</translation>
    </message>
    <message>
        <source>The last turn</source>
        <translation>最后一轮</translation>
    </message>
    <message>
        <source>Turn %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
    <message>
        <source>No turns</source>
        <translation>没有轮次</translation>
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
    <name>curator::ui::RunListModel</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>finished (%1)</source>
        <translation>已完成（%1）</translation>
    </message>
    <message>
        <source>interrupted (resumable)</source>
        <translation>已中断（可继续）</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Forked from</source>
        <translation>分叉自</translation>
    </message>
    <message>
        <source>forked from %1 at turn %2</source>
        <translation>在第 %2 轮分叉自 %1</translation>
    </message>
    <message>
        <source>%1 at turn %2</source>
        <translation>%1 第 %2 轮</translation>
    </message>
    <message>
        <source>live elsewhere</source>
        <translation>在别处运行中</translation>
    </message>
    <message>
        <source>running in another process (e.g. curator-cli mcp): Supervise follows it</source>
        <translation>正在另一个进程中运行（例如 curator-cli mcp）：“监督”可跟随它</translation>
    </message>
</context>
<context>
    <name>curator::ui::RunsDock</name>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
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
        <source>Continue the selected run from its transcript, on its branch</source>
        <translation>根据所选运行的记录，在其分支上继续该运行</translation>
    </message>
    <message>
        <source>Merge the selected run&apos;s branch into main</source>
        <translation>将所选运行的分支合并到 main</translation>
    </message>
    <message>
        <source>Discard the selected run&apos;s branch (its commits stay in the log)</source>
        <translation>丢弃所选运行的分支（其提交仍保留在日志中）</translation>
    </message>
    <message>
        <source>Merging %1 into main…</source>
        <translation>正在将 %1 合并到 main…</translation>
    </message>
    <message>
        <source>Discarding %1…</source>
        <translation>正在丢弃 %1…</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Step through the selected run&apos;s turns as they were, without calling the model</source>
        <translation>逐轮查看所选运行当时的各轮内容，不调用模型</translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation>监督</translation>
    </message>
    <message>
        <source>Follow the selected run, live in another process, in the Agent dock: its reasoning, calls and approvals as they happen, and your controls sent to it</source>
        <translation>在智能体面板中跟随所选的、正在其他进程中运行的运行：实时显示其推理、调用和审批，并把你的控制指令发送给它</translation>
    </message>
    <message>
        <source>Asked the process running %1 to stop it.</source>
        <translation>已请求运行 %1 的进程停止它。</translation>
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
    <message>
        <source>Rate collection sample</source>
        <translation>为图像库样本评分</translation>
    </message>
    <message>
        <source>Rate %1 images drawn from the whole collection: the reference a batch of clean or of degraded images is read against</source>
        <translation>为从整个图像库中抽取的 %1 张图像评分：作为衡量一批干净图像或劣化图像的参照</translation>
    </message>
    <message numerus="yes">
        <source>Rated a sample of %n collection image(s).</source>
        <translation>
            <numerusform>已为图像库中的 %n 张样本图像评分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rating a sample of the collection...</source>
        <translation>正在为图像库样本评分…</translation>
    </message>
    <message>
        <source>collection sample</source>
        <translation>图像库样本</translation>
    </message>
    <message>
        <source>Search, then rate the results to see their scores.</source>
        <translation>先搜索，再为结果评分，即可查看其分数。</translation>
    </message>
    <message>
        <source>Rate the results to see their scores against the references.</source>
        <translation>为结果评分，即可查看其分数与参照的对比。</translation>
    </message>
</context>
<context>
    <name>curator::ui::ScoreHistogramView</name>
    <message>
        <source>Aesthetics score histogram</source>
        <translation>美学评分直方图</translation>
    </message>
    <message>
        <source>aesthetics score (% of each group&apos;s images)</source>
        <translation>美学评分（占各组图像的百分比）</translation>
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
    <message>
        <source>at or above the threshold %1</source>
        <translation>不低于阈值 %1</translation>
    </message>
    <message>
        <source> (rejected: a commit of the threshold leaves it out)</source>
        <translation> （已拒绝：按阈值提交时将排除它）</translation>
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
    <message>
        <source>none; e.g. Instruct: Represent the user&apos;s input.\nQuery: {text}</source>
        <translation>无；例如 Instruct: Represent the user&apos;s input.\nQuery: {text}</translation>
    </message>
    <message>
        <source>An openai: embedder&apos;s text queries are sent wrapped in this template, {text} standing for the query and \n for a newline (instruction-tuned embedders such as Qwen3-VL-Embedding). Images are never wrapped. Kept in the workspace&apos;s settings.json, so the CLI queries the same way.</source>
        <translation>openai: 嵌入模型的文本查询会套用此模板后再发送，其中 {text} 代表查询，\n 代表换行（适用于 Qwen3-VL-Embedding 等经指令微调的嵌入模型）。图像从不套用模板。保存在工作区的 settings.json 中，因此 CLI 也以相同方式查询。</translation>
    </message>
    <message>
        <source>What an openai: captioner is asked for each image; empty: the default (objective physical facts only, no aesthetic judgement).</source>
        <translation>对每张图像向 openai: 描述模型提出的要求；留空则使用默认值（仅描述客观的物理事实，不做美学判断）。</translation>
    </message>
    <message>
        <source>Query template</source>
        <translation>查询模板</translation>
    </message>
    <message>
        <source>Captioner prompt</source>
        <translation>描述模型提示词</translation>
    </message>
    <message>
        <source>Saved in the workspace&apos;s settings.json, which curator-cli reads too.</source>
        <translation>保存在工作区的 settings.json 中，curator-cli 也会读取该文件。</translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation>默认（%1）</translation>
    </message>
    <message>
        <source>Caption and score requests in flight at once (openai: backends; the builtin and TorchScript ones run one at a time).</source>
        <translation>同时进行中的描述和评分请求数（openai: 后端；builtin 和 TorchScript 后端一次只运行一个）。</translation>
    </message>
    <message>
        <source>default (the scorer&apos;s)</source>
        <translation>默认（评分模型的设置）</translation>
    </message>
    <message>
        <source>Images per scorer request (default: 8 over HTTP, 1 otherwise).</source>
        <translation>每次评分模型请求的图像数（默认：通过 HTTP 时为 8，否则为 1）。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How long one request to a remote scorer or captioner may take. One served at several URLs moves on to the next when a request times out.</source>
        <translation>对远程评分模型或描述模型的单个请求允许的最长时间。部署在多个 URL 上的模型在请求超时后会转向下一个 URL。</translation>
    </message>
    <message>
        <source>Concurrent requests</source>
        <translation>并发请求数</translation>
    </message>
    <message>
        <source>Images per score request</source>
        <translation>每次评分请求的图像数</translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation>请求超时</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Chat Completions (any OpenAI-compatible server)</source>
        <translation>Chat Completions（任何兼容 OpenAI 的服务器）</translation>
    </message>
    <message>
        <source>OpenAI Responses (reasoning kept between tool calls)</source>
        <translation>OpenAI Responses（在工具调用之间保留推理）</translation>
    </message>
    <message>
        <source>auto (text after the endpoint refuses an image)</source>
        <translation>自动（端点拒绝图像后改用文本）</translation>
    </message>
    <message>
        <source>yes (grids as image parts)</source>
        <translation>是（网格作为图像部分发送）</translation>
    </message>
    <message>
        <source>no (grids described in text)</source>
        <translation>否（以文本描述网格）</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Agent (LLM endpoint) for this workspace</source>
        <translation>此工作区的智能体（LLM 端点）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Pixels per tile of the grid images the tools show the model: large enough to judge grain, JPEG blocking and faint watermarks (default %1).</source>
        <translation>工具向模型展示的网格图像中每个图块的像素数：应足以判断颗粒、JPEG 块效应和淡水印（默认 %1）。</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个令牌</translation>
    </message>
    <message>
        <source>The estimated prompt tokens a request may reach (default %L1, for a 128k-token model): older grids and results give way, then the run compacts.</source>
        <translation>单个请求可达到的估计提示令牌数（默认 %L1，适用于 128k 令牌的模型）：超出时先舍弃较早的网格和结果，然后运行会压缩对话。</translation>
    </message>
    <message>
        <source>Grid tile size</source>
        <translation>网格图块大小</translation>
    </message>
    <message>
        <source>Context budget</source>
        <translation>上下文预算</translation>
    </message>
    <message>
        <source>Agent runs (each new run and batch)</source>
        <translation>智能体运行（每次新运行和批量运行）</translation>
    </message>
    <message>
        <source>query template: %1</source>
        <translation>查询模板：%1</translation>
    </message>
    <message>
        <source>builtin (offline)</source>
        <translation>内置（离线）</translation>
    </message>
    <message>
        <source>builtin proxy (offline)</source>
        <translation>内置代理评分（离线）</translation>
    </message>
    <message>
        <source>builtin (captions beside the images)</source>
        <translation>内置（读取图片旁的描述）</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Save the model settings although their check failed</source>
        <translation>检查未通过，仍保存模型设置</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>The documented paths to real models (docs/models.md): pick one, then put in the host and the model</source>
        <translation>文档中的真实模型方案（docs/models.md）：选择一个，再填入主机和模型</translation>
    </message>
    <message>
        <source>The model check failed: fix the settings, or save anyway.</source>
        <translation>模型检查未通过：请修改设置，或仍然保存。</translation>
    </message>
    <message>
        <source>%1: offline, nothing to serve.</source>
        <translation>%1：离线运行，无需部署服务。</translation>
    </message>
    <message>
        <source>%1: put in the host and the model, then Check models. Serve it with: %2</source>
        <translation>%1：填入主机和模型，然后点击“检查模型”。部署命令：%2</translation>
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
    <message>
        <source>Recording cancelled; the shortcut is unchanged.</source>
        <translation>已取消录制；快捷键未更改。</translation>
    </message>
</context>
<context>
    <name>curator::ui::SimilarityHistogramView</name>
    <message>
        <source>Similarity histogram</source>
        <translation>相似度直方图</translation>
    </message>
    <message>
        <source>Search to see how similarities spread.</source>
        <translation>搜索后即可查看相似度的分布。</translation>
    </message>
    <message>
        <source>Drag (or Left/Right) to move the threshold.
Shift-drag or right-drag across bars to show only that range in the grid; Esc or a click elsewhere clears it.</source>
        <translation>拖动（或按左/右方向键）以移动阈值。
按住 Shift 拖动或用右键拖过柱形，即可在网格中只显示该区间；按 Esc 或点击别处可清除。</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2: %n image(s)</source>
        <translation>
            <numerusform>%1 至 %2：%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>sampled</source>
        <translation>已抽样</translation>
    </message>
    <message>
        <source>cosine similarity (bars: images per %1)</source>
        <translation>余弦相似度（柱形：每 %1 的图像数）</translation>
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
    <message>
        <source>; %1 image files copied</source>
        <translation>；已复制 %1 个图像文件</translation>
    </message>
    <message>
        <source>; %1 refused, %2 (e.g. %3): add its folder with `curator-cli roots add DIR`</source>
        <translation>；%1 张被拒绝，%2（例如 %3）：请用 `curator-cli roots add DIR` 添加其所在文件夹</translation>
    </message>
    <message>
        <source>finding near-duplicates</source>
        <translation>正在查找近似重复图像</translation>
    </message>
    <message>
        <source>; %1 near-duplicates left out</source>
        <translation>；已排除 %1 张近似重复图像</translation>
    </message>
    <message>
        <source>forming preference pairs</source>
        <translation>正在组成偏好对</translation>
    </message>
    <message>
        <source>pairing anti-aesthetic images</source>
        <translation>正在为反美学图像配对</translation>
    </message>
    <message>
        <source>%1 preference pairs written to %2</source>
        <translation>已将 %1 个偏好对写入 %2</translation>
    </message>
</context>
</TS>
