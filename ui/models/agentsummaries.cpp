#include "models/agentsummaries.h"

#include "agent/agentevents.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace curator::ui {

namespace {

constexpr int kMaxSummaryCharacters = 160;

// The translation context of these texts.
struct AgentSummaries {
    Q_DECLARE_TR_FUNCTIONS(AgentSummaries)
};

QString shortened(QString text) {
    text = text.simplified();
    if (text.size() > kMaxSummaryCharacters) {
        text = text.left(kMaxSummaryCharacters - 1) + QChar(0x2026);
    }
    return text;
}

QString quoted(const QString& text) {
    return QChar(0x201C) + shortened(text) + QChar(0x201D);
}

QString number(const QJsonValue& value) {
    return value.isString() ? value.toString() : QString::number(value.toDouble(), 'f', 3);
}

QString listOf(const QJsonValue& value) {
    QStringList items;
    if (value.isArray()) {
        for (const auto& item : value.toArray()) {
            items << quoted(item.toString());
        }
    } else if (value.isString() && !value.toString().isEmpty()) {
        items << quoted(value.toString());
    }
    return items.join(QStringLiteral(", "));
}

QString field(const QJsonObject& object, const char* name) {
    return object.value(QLatin1String(name)).toString();
}

} // namespace

QString toolCallSummary(const QString& argumentsJson) {
    const QJsonObject arguments = QJsonDocument::fromJson(argumentsJson.toUtf8()).object();
    if (arguments.isEmpty()) {
        return argumentsJson.trimmed() == QLatin1String("{}") || argumentsJson.trimmed().isEmpty()
                   ? QString()
                   : shortened(argumentsJson); // malformed: as the model wrote it
    }
    QStringList parts;
    if (arguments.contains(QStringLiteral("query"))) {
        parts << quoted(number(arguments.value(QStringLiteral("query"))));
    }
    if (arguments.contains(QStringLiteral("threshold"))) {
        parts << QStringLiteral("\u2265 %1").arg(number(arguments.value(QStringLiteral("threshold"))));
    }
    if (arguments.contains(QStringLiteral("min_threshold")) ||
        arguments.contains(QStringLiteral("max_threshold"))) {
        parts << AgentSummaries::tr("similarity %1 to %2")
                     .arg(number(arguments.value(QStringLiteral("min_threshold"))),
                          number(arguments.value(QStringLiteral("max_threshold"))));
    }
    const QString negatives = listOf(arguments.value(QStringLiteral("negative_prompts")));
    if (!negatives.isEmpty()) {
        parts << AgentSummaries::tr("not %1").arg(negatives);
    }
    for (const char* count : {"top_k", "count", "n", "sample_size"}) {
        if (arguments.contains(QLatin1String(count))) {
            parts << AgentSummaries::tr("%1 images")
                         .arg(number(arguments.value(QLatin1String(count))).section(QLatin1Char('.'), 0, 0));
        }
    }
    if (arguments.contains(QStringLiteral("commit_id"))) {
        parts << AgentSummaries::tr("commit %1").arg(field(arguments, "commit_id").left(12));
    }
    const QString source = field(arguments, "source");
    if (!source.isEmpty() && source != QLatin1String("all")) {
        parts << AgentSummaries::tr("in %1").arg(source);
    }
    if (arguments.contains(QStringLiteral("message"))) {
        parts << quoted(field(arguments, "message"));
    }
    if (parts.isEmpty()) {
        return shortened(QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact)));
    }
    return parts.join(QStringLiteral(", "));
}

QString toolResultSummary(const QJsonObject& event) {
    const QJsonObject data = event.value(QLatin1String(eventfield::kData)).toObject();
    const bool ok = event.value(QLatin1String(eventfield::kOk)).toBool(true);
    if (ok && field(event, eventfield::kName) == QLatin1String("commit") &&
        data.contains(QStringLiteral("short_id"))) {
        return AgentSummaries::tr("committed %1: %2 images, %3 new")
            .arg(field(data, "short_id"))
            .arg(data.value(QStringLiteral("selected")).toInteger())
            .arg(data.value(QStringLiteral("added")).toInteger());
    }
    const QString text = field(event, eventfield::kText);
    return shortened(text.section(QLatin1Char('\n'), 0, 0));
}

QString humanActionSummary(const QJsonObject& event, const QString& plannerName) {
    const auto action = humanActionFromName(field(event, eventfield::kAction).toStdString());
    QString text;
    if (!action) {
        text = AgentSummaries::tr("You: %1").arg(field(event, eventfield::kAction));
    } else {
        switch (*action) {
        case HumanActionKind::Pause:
            text = AgentSummaries::tr("You paused the run.");
            break;
        case HumanActionKind::Resume:
            text = AgentSummaries::tr("You resumed the run.");
            break;
        case HumanActionKind::Stop:
            text = AgentSummaries::tr("You stopped the run.");
            break;
        case HumanActionKind::Step:
            text = AgentSummaries::tr("You stepped one turn.");
            break;
        case HumanActionKind::Inject:
            text = AgentSummaries::tr("You sent: %1").arg(field(event, eventfield::kMessage));
            break;
        case HumanActionKind::ApprovalModeOn:
            text = AgentSummaries::tr("You asked to approve each commit.");
            break;
        case HumanActionKind::ApprovalModeOff:
            text = AgentSummaries::tr("You let the agent commit without asking.");
            break;
        case HumanActionKind::Undo: {
            const QString commit = field(event, eventfield::kCommit).left(12);
            text = event.value(QLatin1String(eventfield::kOk)).toBool()
                       ? AgentSummaries::tr("You undid commit %1.").arg(commit)
                       : AgentSummaries::tr("Your undo of commit %1 failed: %2")
                             .arg(commit, shortened(field(event, eventfield::kText)));
            break;
        }
        case HumanActionKind::Approve:
            text = AgentSummaries::tr("You approved the commit.");
            break;
        case HumanActionKind::Reject: {
            const QString reason = field(event, eventfield::kReason);
            text = reason.isEmpty() ? AgentSummaries::tr("You rejected the commit.")
                                    : AgentSummaries::tr("You rejected the commit: %1").arg(reason);
            break;
        }
        case HumanActionKind::ApproveWithThreshold:
            text = AgentSummaries::tr("You approved the commit at threshold %1 (the agent proposed %2).")
                       .arg(number(event.value(QLatin1String(eventfield::kThreshold))),
                            number(event.value(QLatin1String(eventfield::kProposedThreshold))));
            break;
        case HumanActionKind::Answer:
            text = AgentSummaries::tr("You answered: %1").arg(field(event, eventfield::kMessage));
            break;
        }
    }
    if (event.contains(QLatin1String(eventfield::kReadByPlanner)) &&
        !event.value(QLatin1String(eventfield::kReadByPlanner)).toBool(true)) {
        const QString planner = plannerName == QLatin1String("heuristic") || plannerName.isEmpty()
                                    ? AgentSummaries::tr("the offline planner")
                                    : AgentSummaries::tr("the %1 planner").arg(plannerName);
        text += QLatin1Char('\n') +
                AgentSummaries::tr(
                    "Note: %1 cannot read messages or reasons; what you wrote is kept in the transcript.")
                    .arg(planner);
    }
    return text;
}

QString waitingSummary(const QJsonObject& event) {
    const QString reason = field(event, eventfield::kReason);
    const int turn = event.value(QLatin1String(eventfield::kTurn)).toInt();
    if (reason == QLatin1String(waitreason::kDelay)) {
        return AgentSummaries::tr("Waiting %1 s before turn %2 (Step goes on now).")
            .arg(event.value(QLatin1String(eventfield::kSeconds)).toDouble())
            .arg(turn);
    }
    if (reason == QLatin1String(waitreason::kBeforeTurn)) {
        return AgentSummaries::tr("Paused before turn %1: Step runs one turn, Resume goes on.").arg(turn);
    }
    if (reason == QLatin1String(waitreason::kBeforeCommit)) {
        const QJsonObject arguments = event.value(QLatin1String(eventfield::kArguments)).toObject();
        const QJsonObject preview = event.value(QLatin1String(eventfield::kPreview)).toObject();
        QString text = AgentSummaries::tr("Paused before a commit of %1")
                           .arg(toolCallSummary(QString::fromUtf8(QJsonDocument(arguments).toJson())));
        if (preview.contains(QStringLiteral("count"))) {
            text +=
                AgentSummaries::tr(" (%1 images)").arg(preview.value(QStringLiteral("count")).toInteger());
        }
        return text + AgentSummaries::tr(": Step or Resume commits it, Stop does not.");
    }
    return AgentSummaries::tr("Waiting (%1).").arg(reason);
}

QString errorSummary(const QJsonObject& event) {
    const QString message = field(event, eventfield::kMessage);
    const int turn = event.value(QLatin1String(eventfield::kTurn)).toInt();
    if (event.value(QLatin1String(eventfield::kRecoverable)).toBool()) {
        return turn > 0 ? AgentSummaries::tr("At turn %1, a problem the run recovers from: %2")
                              .arg(turn)
                              .arg(message)
                        : AgentSummaries::tr("A problem the run recovers from: %1").arg(message);
    }
    return turn > 0 ? AgentSummaries::tr("The planner failed at turn %1: %2").arg(turn).arg(message)
                    : AgentSummaries::tr("Error: %1").arg(message);
}

QString commitSummary(const QJsonObject& event) {
    const QJsonObject commit = event.value(QLatin1String(eventfield::kCommit)).toObject();
    QString text = AgentSummaries::tr("The agent committed %1: %2 images, %3 new")
                       .arg(field(commit, "short_id"))
                       .arg(commit.value(QStringLiteral("selected")).toInteger())
                       .arg(commit.value(QStringLiteral("added")).toInteger());
    if (commit.contains(QStringLiteral("threshold"))) {
        text += AgentSummaries::tr(" (similarity \u2265 %1)")
                    .arg(number(commit.value(QStringLiteral("threshold"))));
    }
    return text + QLatin1Char('.');
}

QString forkSummary(const QJsonObject& event) {
    const QString head = field(event, eventfield::kHead);
    QString text = AgentSummaries::tr("This run is a fork of run %1 after its turn %2: its branch %3 starts ")
                       .arg(field(event, eventfield::kForkedFrom))
                       .arg(event.value(QLatin1String(eventfield::kTurn)).toInt())
                       .arg(field(event, eventfield::kBranch));
    text += head.isEmpty() ? AgentSummaries::tr("empty (%1 had committed nothing by then).")
                                 .arg(field(event, eventfield::kFromBranch))
                           : AgentSummaries::tr("at commit %1 of %2.")
                                 .arg(head.left(8), field(event, eventfield::kFromBranch));
    const QString message = field(event, eventfield::kMessage);
    if (!message.isEmpty()) {
        text += QLatin1Char(' ') + AgentSummaries::tr("Your instruction: %1").arg(message);
    }
    return text;
}

QString deliveredSummary(const QJsonObject& event) {
    return AgentSummaries::tr("The agent received your message before turn %1: %2")
        .arg(event.value(QLatin1String(eventfield::kTurn)).toInt())
        .arg(shortened(field(event, eventfield::kMessage)));
}

QString indentedJson(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace curator::ui
