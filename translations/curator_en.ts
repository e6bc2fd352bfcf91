<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgentCards</name>
    <message>
        <source>not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (masked at ≥ %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aesthetics_rate of the last results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>band %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing of %1 unmasked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 unmasked, best %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rated, mean %2, median %3 (%4 to %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 distinct images in 1 live commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 distinct images in %2 live commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; this run added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arguments that do not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 in the band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 committed images%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 images, %3 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undid %1 (%2 images affected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run ends here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentSummaries</name>
    <message>
        <source>similarity %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>commit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed %1: %2 images, %3 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You paused the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You resumed the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stopped the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stepped one turn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You asked to approve each commit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You let the agent commit without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You undid commit %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your undo of commit %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You approved the commit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You rejected the commit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You rejected the commit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You approved the commit at threshold %1 (the agent proposed %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the offline planner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 planner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1 cannot read messages or reasons; what you wrote is kept in the transcript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting %1 s before turn %2 (Step goes on now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused before turn %1: Step runs one turn, Resume goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused before a commit of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: Step or Resume commits it, Stop does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At turn %1, a problem the run recovers from: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A problem the run recovers from: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The planner failed at turn %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent committed %1: %2 images, %3 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (similarity ≥ %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run is a fork of run %1 after its turn %2: its branch %3 starts </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty (%1 had committed nothing by then).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at commit %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your instruction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent received your message before turn %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentTurnStats</name>
    <message>
        <source>%1 tokens (%2 in, %3 out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 tokens estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 image sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn %1: %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, under 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DockLayout</name>
    <message>
        <source>Supervise a run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curate by hand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewBridge</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the catalog has no file path for this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the image (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::AgentBridge</name>
    <message>
        <source>run %1 ended in its process without finishing (its lock was released); resume it to go on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::AgentCardDelegate</name>
    <message>
        <source>T%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the grid the agent saw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::AgentDock</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme, e.g. VHS decay and analog glitch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to the agent (seen at its next turn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planner: %1 at %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause before each turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait this long before each turn, to watch the run (Step goes on at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run waits before each turn: Step runs one turn, Resume one too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause before each commit: Step or Resume commits, Stop does not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay per turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;A commit awaits your approval.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The agent asks you:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer (the agent waits for it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve also</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planner: offline heuristic (it cannot read messages)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming run %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in, %2 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last answer: %1 prompt tokens, %2 completion tokens (as the endpoint counted them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The conversation was compacted before turn %1 to stay within the context budget (about %2 → %3 tokens). The agent&apos;s notes:
%4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The agent&apos;s summary: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~%1/%2 ctx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated cost of the request for turn %1: %2 text tokens and %3 image tokens (%4 images); the run&apos;s budget is %5 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Older turns were trimmed from ~%1 tokens: %2 grids downscaled, %3 removed, %4 results shortened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The agent asks to run %1: it waits for your approval.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The agent asks to commit %1 images of “%2” at similarity ≥ %3: it waits for your approval.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The agent asked, and the run ends here: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The agent asks you: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent waits for your answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer to the agent&apos;s question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments, as the agent wrote them:
%1

Result:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (call %2): raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid the agent saw: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork from the selected card&apos;s turn: a new run from the end of that turn, with the dataset as it was then (also in the cards&apos; context menu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fork failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The replay cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork from turn %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run is in the middle of a turn: pause it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fork starts between turns: pause the run (or wait for it to finish) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress: stop it (or pause it between turns) before forking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping run %1 to fork it after turn %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forking run %1 after turn %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is a fork of %2 after turn %3, on branch %4 (no commit yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is a fork of %2 after turn %3, on branch %4 from commit %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The control did not reach the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is in progress here: stop it (or wait for it) before supervising run %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is not running in another process (no process holds its lock).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervising run %1, which runs in another process: what it does appears here as it happens, and your controls are sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~%1 ctx</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ApprovalDialog</name>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve at the edited threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the agent&apos;s call?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why reject? (optional; the agent reads it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity of every unmasked image (drag the line):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1: counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;at %1: %2 images, %3 new&lt;/b&gt;%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the agent&apos;s threshold)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the agent&apos;s %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to &lt;b&gt;undo commit %1&lt;/b&gt; on its branch.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to &lt;b&gt;rate the aesthetics&lt;/b&gt; of a sample of images (a call of the scoring model per image).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to run &lt;b&gt;%1&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Approve runs it; Reject tells the agent why it did not run.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the agent&apos;s commit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The agent wants to commit the images matching &lt;b&gt;%1&lt;/b&gt; at similarity &lt;b&gt;≥ %2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, leaving out those like &lt;b&gt;%1&lt;/b&gt; (negative threshold %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, from source %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 images&lt;/b&gt; would be committed, &lt;b&gt;%2 new&lt;/b&gt; to the branch.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1 images&lt;/b&gt; would be committed.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sample of %1 of the %2 images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;How many images it takes is unknown: %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Its message: &lt;i&gt;%1&lt;/i&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Below the floor of %1&lt;/b&gt;: the agent may not make this commit on its own; it runs only if you approve it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ApprovalToolsBox</name>
    <message>
        <source>undos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s undo of a commit waits for your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s aesthetic ratings (a model call per image) wait for your approval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::BalanceChartView</name>
    <message>
        <source>Run the report to see the balance of the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::BatchRunDialog</name>
    <message>
        <source>Start batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a batch of themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One theme per line, e.g.
VHS decay and analog glitch
motion blur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One run and branch agent/&lt;run id&gt; per theme, with the endpoint and run settings of Settings. A stopped batch continues with curator-cli agent batch resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theme %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typed below, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every attribute of %1 / %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No themes: type one per line or pick a category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent is running: stop its run first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starting %n theme(s)...</source>
        <translation>
            <numerusform>Starting %n theme...</numerusform>
            <numerusform>Starting %n themes...</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>curator::ui::CommitDetailsView</name>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a commit to see its provenance and a sample of its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commit selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>similarity &gt;= %1, negatives &lt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image entries</source>
        <translation>
            <numerusform>%n image entry</numerusform>
            <numerusform>%n image entries</numerusform>
        </translation>
    </message>
    <message>
        <source>A merge brings the commits of its second parent; select them to see images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample of %1 images of the reverted commit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from this commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) removed from its target</source>
        <translation>
            <numerusform>%n image removed from its target</numerusform>
            <numerusform>%n images removed from its target</numerusform>
        </translation>
    </message>
    <message>
        <source>The images it removed from %1 (%2 shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample of %1 of its images (right-click one to remove it from the commit)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::CommitLogDock</name>
    <message>
        <source>Commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a revert of the selected commit: its images leave the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert the revert that undid the selected commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a commit to see its provenance and a sample of its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a commit first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A merge is not undone: undo the commits it brought.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This commit is undone already: Redo brings it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing undid this commit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither the checked-out branch nor the commit&apos;s branch %1 (%2) can take a revert of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>main is where branches are merged; it is not merged or discarded itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log lists no branch %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch %1 has no commits of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch %1 is checked out: new commits go there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo %1 on branch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1 on branch %2 (reverts its revert %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge branch %1 into main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard branch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check out branch %1: new commits go there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge branch %1 into main? Its live commits join main&apos;s dataset and the branch is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard branch %1? Its commits stay in the log but never reach main, and the branch cannot be reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo of %1 handed to the running agent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::CommitLogModel</name>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 on %3 by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query: %1, threshold %2, %3 negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undone by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fork of %1 @ turn %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: fork of %2 @ turn %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::DatasetQualityWindow</name>
    <message>
        <source>Dataset quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Near-duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scorer report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the scorer report was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the search for near-duplicates was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two images are near-duplicates when the cosine of their embeddings reaches this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find near-duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing the dataset&apos;s images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the groups of near-duplicate images in the checked-out branch&apos;s dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images each attribute should hold; the attributes under it are listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target per attribute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only attributes with &amp;images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per taxonomy attribute and direction in the checked-out branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the preference pairs (the same seed gives the same pairs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluate the scorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forming the preference pairs and scoring both sides…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs each anti-aesthetic image of the dataset with its nearest clean image and asks how often the workspace&apos;s scorer prefers the anti-aesthetic one for a prompt that asks for it (50% is no preference; a scorer that respects the prompt is near 100%).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anti preferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preference rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anti mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2: %3 of %4 pairs scored; the scorer prefers the anti-aesthetic image in %5 of them (%6 ties). Scores: %7 from the cache, %8 made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, cosine ≥ %2 (%3): %n group(s)</source>
        <translation>
            <numerusform>%1, cosine ≥ %2 (%3): %n group</numerusform>
            <numerusform>%1, cosine ≥ %2 (%3): %n groups</numerusform>
        </translation>
    </message>
    <message>
        <source> holding %1 of the %2 images; keeping one image per group would drop %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images have no embedding of %2 and were not compared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s), cosine %1–%2</source>
        <translation>
            <numerusform>%n image, cosine %1–%2</numerusform>
            <numerusform>%n images, cosine %1–%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>in %n commit(s)</source>
        <translation>
            <numerusform>in %n commit</numerusform>
            <numerusform>in %n commits</numerusform>
        </translation>
    </message>
    <message>
        <source>kept; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 of %2: the first image is the one a de-duplication keeps (held by the most commits); the others would be dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 images; %3 of %4 attributes hold images; evenness J = %5, smallest/largest %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attribute(s) under the target of %1: %2</source>
        <translation>
            <numerusform>%n attribute under the target of %1: %2</numerusform>
            <numerusform>%n attributes under the target of %1: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No two images of the dataset reach a cosine of %1: nothing to de-duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save with a &amp;release…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this report (JSON, plot, a section of the card) to a release of this workspace, as evaluate-scorer --release does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no release to save the report with yet: make one with File &gt; Export release, then save the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the scorer report with a release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::DemoCreationDialog</name>
    <message>
        <source>Creating the demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating %1 demo images ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating demo images: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedding %1: %2 of %3 (%4 images/s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::EmptyStatePage</name>
    <message>
        <source>&lt;h2&gt;Start here&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Let the agent curate a theme:&lt;/b&gt; type a theme in the Agent panel and press Run, or pick one below. Its reasoning, searches and commits appear as it works; tick &lt;i&gt;Approve commits&lt;/i&gt; to decide each one.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Or search by hand:&lt;/b&gt; press Ctrl+F, type what the images should show (and what they must not, as negatives), then review the grid with A (accept), R (reject) and U (clear).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Example themes this workspace&apos;s embedder can serve:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ForkDialog</name>
    <message>
        <source>Fork from turn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Fork run %1 after turn %2 of %3&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Fork run %1 after turn %2&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new run starts with the conversation up to the end of this turn, on a new branch that holds the dataset as it was then. The original run and its branch stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new instruction for the fork (optional), e.g. “try film grain instead”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::HistogramDock</name>
    <message>
        <source>Similarity histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) at or above %1</source>
        <translation>
            <numerusform>%n image at or above %1</numerusform>
            <numerusform>%n images at or above %1</numerusform>
        </translation>
    </message>
    <message>
        <source>counting at %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit above threshold...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit the images at or above the threshold (you give the reason next)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelling ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::Launcher</name>
    <message>
        <source>no workspace to open: give --workspace DIR or --demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wide-Spectrum Curator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace is open yet.

The demo workspace holds %1 generated images in three sources, with the offline builtin models: everything works without a network. Creating it takes about a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo workspace was not created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workspace %1 does not exist (create one with --demo or curator-cli ingest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::LogBridge</name>
    <message>
        <source>redid %1 on %2: %3 images re-entered the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reverted %1 on %2: %3 images left the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redid %1 on %2 (reverted its revert %3): %4 images re-entered the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merged %1 into main as %2: %3 images new to the dataset, %4 in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discarded branch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checked out %1: new commits go there</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>removed %n image(s) from %1 on %2 with %3 (undo it to put them back): %4 left the dataset</source>
        <translation>
            <numerusform>removed %n image from %1 on %2 with %3 (undo it to put them back): %4 left the dataset</numerusform>
            <numerusform>removed %n images from %1 on %2 with %3 (undo it to put them back): %4 left the dataset</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>curator::ui::MainWindow</name>
    <message>
        <source>Wide-Spectrum Curator - %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a query first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 results of %2 images (%3 masked by negatives)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>branch %1 | dataset: %2 images in %3 live commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspace %1 | %2 images | model %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed %1: %2 images, %3 new to the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>review: %1 accepted, %2 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images drawn from %2 in [%3, %4] (seed %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wide-Spectrum Curator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the search bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit accepted images...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the commit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing accepted yet: mark images with %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open workspace...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;demo workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ingest images...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of images to ingest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build search &amp;index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;dataset.json...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dataset.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;release...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release tag (a new folder under exports/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the images into the release as well?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit accepted images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why do these images belong in the dataset?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Wide-Spectrum Curator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Wide-Spectrum Curator&lt;/b&gt; %1&lt;br&gt;Curates training data across the whole aesthetic spectrum: search by vision-language embeddings, calibrate thresholds, rate, and commit batches with full provenance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedder %1 | scorer %2 | captioner %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy with %1: wait for it or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingesting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting release %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the search index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing %1 of %2 results (the range selected on the histogram)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (%n image(s) you rejected left out)</source>
        <translation>
            <numerusform> (%n image you rejected left out)</numerusform>
            <numerusform> (%n images you rejected left out)</numerusform>
        </translation>
    </message>
    <message>
        <source>Layout reset to &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s search cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The agent&apos;s rating of %n image(s)</source>
        <translation>
            <numerusform>The agent&apos;s rating of %n image</numerusform>
            <numerusform>The agent&apos;s rating of %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>The agent&apos;s call cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why do the images at or above %1 belong in the dataset?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The %n image(s) you rejected are left out.</source>
        <translation>
            <numerusform>The %n image you rejected are left out.</numerusform>
            <numerusform>The %n images you rejected are left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Commit above threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace&apos;s embeddings cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspace %1 | the embeddings cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dataset.json in the &amp;original system&apos;s format...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dataset.json (original format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit &amp;above threshold...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search first: a threshold commit takes the last search&apos;s images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a &amp;batch of themes...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fork failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out near-duplicates (embedding cosine ≥ %1), keeping one image of each group?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;preference pairs...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export preference pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting preference pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near-&amp;duplicates...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Balance...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scorer &amp;report...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ModelCheckPanel</name>
    <message>
        <source>Embedder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, %3 dimensions, as the store&apos;s rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, %3 dimensions (the store is empty: any dimension fits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, test score %3 on [%4, %5]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, reads the captions beside the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try each model on a test image: the embedder&apos;s dimension against the store&apos;s, a test caption and a test score. OK checks changed models too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check models tries each model on a test image: the embedder&apos;s dimension against the store&apos;s, a caption, a score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1 of %2: %3...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the models...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check stopped; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before every model was checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model changed: nothing to check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::PendingMessagesView</name>
    <message>
        <source>pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not delivered (the run ended): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::PreviewDialog</name>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous result (Left, %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next result (Right, %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept and go to the next (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject and go to the next (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: %1/%2 (%3 of %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image cannot be shown:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>similarity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>masked by a negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 x %2 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;none in the catalog&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading provenance ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provenance unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caption read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;an older caption&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provenance: %1, %2 live on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no commit holds this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undone by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on this branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query &quot;%1&quot; at threshold %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed it from %1, undone by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed it from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove it from this commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image removed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put it back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::PreviewDock</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move through the results to see each image here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2  similarity %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::QualityBridge</name>
    <message>
        <source>The scorer report is saved with release %1: its manifest lists %2 and %3, and its card shows the report.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ReplayController</name>
    <message>
        <source>Run %1 has no turn to replay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ReplayPanel</name>
    <message>
        <source>Fork from this turn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new run from the end of this turn, with the dataset as it was then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the live view of the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay of run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(forked from %1 at turn %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(stopped before it finished)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grids the agent received from %1 (turn %2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the transcript of run %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent received no grid in turn %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grids the agent received in turn %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments, as the agent wrote them:
%1

Result:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (call %2): raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork from turn %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 started: %2 (planner %3, %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was resumed after %1 turns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent asked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent asked to run %1 and waited for approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation was compacted before turn %1 to stay within the context budget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run finished (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run finished (%1). The agent&apos;s summary: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ReplayStepBar</name>
    <message>
        <source>First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No turns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ResultDelegate</name>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>masked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ResultsView</name>
    <message>
        <source>Accept the result and go to the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the result and go to the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the review mark and go to the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select or deselect the current result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the current result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::RunListModel</name>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted (resumable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forked from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forked from %1 at turn %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at turn %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running in another process (e.g. curator-cli mcp): Supervise follows it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::RunsDock</name>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the selected run from its transcript, on its branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge the selected run&apos;s branch into main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the selected run&apos;s branch (its commits stay in the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging %1 into main…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarding %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through the selected run&apos;s turns as they were, without calling the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the selected run, live in another process, in the Agent dock: its reasoning, calls and approvals as they happen, and your controls sent to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked the process running %1 to stop it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ScoreDock</name>
    <message>
        <source>Aesthetics scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dataset so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search, then rate the results to compare them with the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate the results shown in the grid (masked ones excepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate the committed images that have no score yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Rated %n unscored dataset image(s).</source>
        <translation>
            <numerusform>Rated %n unscored dataset image.</numerusform>
            <numerusform>Rated %n unscored dataset images.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in the grid, not rated yet.</source>
        <translation>
            <numerusform>%n result in the grid, not rated yet.</numerusform>
            <numerusform>%n results in the grid, not rated yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rating %n result(s)...</source>
        <translation>
            <numerusform>Rating %n result...</numerusform>
            <numerusform>Rating %n results...</numerusform>
        </translation>
    </message>
    <message>
        <source>Rating the dataset&apos;s unscored images...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch rated by %1: %2 from the cache, %3 scored now, %4 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no committed images on %1 yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 committed images on %3 not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all %1 committed images on %2 rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be rated:</source>
        <translation>
            <numerusform>%n image could not be rated:</numerusform>
            <numerusform>%n images could not be rated:</numerusform>
        </translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate collection sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate %1 images drawn from the whole collection: the reference a batch of clean or of degraded images is read against</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Rated a sample of %n collection image(s).</source>
        <translation>
            <numerusform>Rated a sample of %n collection image.</numerusform>
            <numerusform>Rated a sample of %n collection images.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rating a sample of the collection...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>collection sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search, then rate the results to see their scores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate the results to see their scores against the references.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ScoreHistogramView</name>
    <message>
        <source>Aesthetics score histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aesthetics score (% of each group&apos;s images)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::SearchDock</name>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. motion blur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated, e.g. text overlay, watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show masked results (greyed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw images uniformly from the similarity band of the last search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similarity band sampler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::SearchResultsModel</name>
    <message>
        <source>similarity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>masked by a negative prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at or above the threshold %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (rejected: a commit of the threshold leaves it out)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::SecretStore</name>
    <message>
        <source>%1 saved in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain is unavailable (%1): %2 is kept for this session only; set it in the environment to keep it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the built-in classes.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backend spec: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedder must be the model the workspace&apos;s embeddings were made with; searches refuse a mismatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxonomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models of this workspace (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the offline heuristic planner; e.g. http://localhost:8000/v1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the current key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxonomy (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set in the environment (it wins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is stored in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>taxonomy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key variable: expected an environment variable name such as OPENAI_API_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none; e.g. Instruct: Represent the user&apos;s input.\nQuery: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An openai: embedder&apos;s text queries are sent wrapped in this template, {text} standing for the query and \n for a newline (instruction-tuned embedders such as Qwen3-VL-Embedding). Images are never wrapped. Kept in the workspace&apos;s settings.json, so the CLI queries the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What an openai: captioner is asked for each image; empty: the default (objective physical facts only, no aesthetic judgement).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Captioner prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in the workspace&apos;s settings.json, which curator-cli reads too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption and score requests in flight at once (openai: backends; the builtin and TorchScript ones run one at a time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default (the scorer&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per scorer request (default: 8 over HTTP, 1 otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long one request to a remote scorer or captioner may take. One served at several URLs moves on to the next when a request times out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per score request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat Completions (any OpenAI-compatible server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI Responses (reasoning kept between tool calls)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto (text after the endpoint refuses an image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes (grids as image parts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no (grids described in text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent (LLM endpoint) for this workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixels per tile of the grid images the tools show the model: large enough to judge grain, JPEG blocking and faint watermarks (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The estimated prompt tokens a request may reach (default %L1, for a 128k-token model): older grids and results give way, then the run compacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid tile size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent runs (each new run and batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query template: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>builtin (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>builtin proxy (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>builtin (captions beside the images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the model settings although their check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documented paths to real models (docs/models.md): pick one, then put in the host and the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model check failed: fix the settings, or save anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: offline, nothing to serve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: put in the host and the model, then Check models. Serve it with: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ShortcutRegistry</name>
    <message>
        <source>The default key %1 of &quot;%2&quot; is already used by &quot;%3&quot;; it was left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved shortcut &quot;%1&quot; of &quot;%2&quot; is not a key sequence; the default is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved shortcut %1 of &quot;%2&quot; is already used by &quot;%3&quot;; the default is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already the shortcut of &quot;%2&quot;; change that one first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::ShortcutsDialog</name>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New shortcut:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a command, then press its new key in the field below. Single keys act only in the results grid and the preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no shortcut now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every shortcut is back to its default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a command first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording cancelled; the shortcut is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::SimilarityHistogramView</name>
    <message>
        <source>Similarity histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search to see how similarities spread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag (or Left/Right) to move the threshold.
Shift-drag or right-drag across bars to show only that range in the grid; Esc or a click elsewhere clears it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2: %n image(s)</source>
        <translation>
            <numerusform>%1 to %2: %n image</numerusform>
            <numerusform>%1 to %2: %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>sampled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine similarity (bars: images per %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::TaxonomyDock</name>
    <message>
        <source>Taxonomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting committed images per attribute...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press Enter on an attribute to search for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n image(s) in the dataset</source>
        <translation>
            <numerusform>%1: %n image in the dataset</numerusform>
            <numerusform>%1: %n images in the dataset</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 attributes have images</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) from commits naming no attribute</source>
        <translation>
            <numerusform>%n image from commits naming no attribute</numerusform>
            <numerusform>%n images from commits naming no attribute</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>curator::ui::TaxonomyModel</name>
    <message>
        <source>gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1

%2: %n image(s)</source>
        <translation>
            <numerusform>%1

%2: %n image</numerusform>
            <numerusform>%1

%2: %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n commit(s)</source>
        <translation>
            <numerusform> in %n commit</numerusform>
            <numerusform> in %n commits</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 of %3 attributes have no image yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::jobs</name>
    <message>
        <source>%1 of %2 images, %3/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 images embedded, %3 already there, %4 unreadable%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cancelled: run it again to resume)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; first: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hashing and writing the release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>release %1: %2 images (%3 hashed, %4 missing) at head %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>indexing %1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>indexed %1 images in %2 sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 image files copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 refused, %2 (e.g. %3): add its folder with `curator-cli roots add DIR`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding near-duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 near-duplicates left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forming preference pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pairing anti-aesthetic images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 preference pairs written to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
