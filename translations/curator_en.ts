<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
        <source>
[commit %1: %2 images, %3 new]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
[you: %1]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens: %1 prompt, %2 completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve commit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent wants to commit:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit threshold...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit at similarity &gt;=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the human cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? (the agent reads this)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected by the human</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::AgentTimelineModel</name>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments / result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
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
        <source>Undo %1</source>
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
</context>
<context>
    <name>curator::ui::HistogramDock</name>
    <message>
        <source>Similarity histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search to see how similarities spread.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unmasked images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images</source>
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
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why do the images at or above %1 belong in the dataset?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>curator::ui::LogBridge</name>
    <message>
        <source>%1 %2: %3 images %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re-entered the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left the dataset</source>
        <translation type="unfinished"></translation>
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
        <source>Search failed: %1</source>
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
</context>
</TS>
