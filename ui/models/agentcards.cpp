#include "models/agentcards.h"

#include "agent/agentevents.h"
#include "models/agentsummaries.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace curator::ui {

namespace {

constexpr int kMaxDetailCharacters = 200;
constexpr int kMaxSummaryLines = 6; // finish: the first lines of the summary

// The translation context of these texts.
struct AgentCards {
    Q_DECLARE_TR_FUNCTIONS(AgentCards)
};

QString oneLine(QString text) {
    text = text.simplified();
    if (text.size() > kMaxDetailCharacters) {
        text = text.left(kMaxDetailCharacters - 1) + QChar(0x2026);
    }
    return text;
}

QString quoted(const QString& text) {
    return QChar(0x201C) + oneLine(text) + QChar(0x201D);
}

QString string(const QJsonObject& object, const char* name) {
    return object.value(QLatin1String(name)).toString();
}

// "2,870": counts as the reader's locale groups them.
QString count(const QJsonValue& value) {
    return QLocale().toString(value.toInteger());
}

QString similarity(double value) {
    return QString::number(value, 'f', 3);
}

QStringList strings(const QJsonValue& value) {
    QStringList items;
    if (value.isArray()) {
        for (const auto& item : value.toArray()) {
            items << item.toString();
        }
    } else if (value.isString() && !value.toString().isEmpty()) {
        items << value.toString();
    }
    return items;
}

QString quotedList(const QStringList& items) {
    QStringList quotedItems;
    for (const QString& item : items) {
        quotedItems << quoted(item);
    }
    return quotedItems.join(QStringLiteral(", "));
}

// The query, negatives and sources of a call: its arguments before the result, the tool's coerced
// values after it.
void describeQuery(AgentCard& card, const QJsonObject& values) {
    card.query = values.value(QStringLiteral("query")).toString();
    card.title = card.query.isEmpty() ? card.tool : card.tool + QLatin1Char(' ') + quoted(card.query);
    card.details.clear();
    const QStringList negatives = strings(values.value(QStringLiteral("negative_prompts")));
    if (!negatives.isEmpty()) {
        QString line = AgentCards::tr("not %1").arg(quotedList(negatives));
        if (values.contains(QStringLiteral("negative_threshold"))) {
            line += AgentCards::tr(" (masked at \u2265 %1)")
                        .arg(similarity(values.value(QStringLiteral("negative_threshold")).toDouble()));
        }
        card.details << line;
    }
    const QStringList sources =
        strings(values.contains(QStringLiteral("sources")) ? values.value(QStringLiteral("sources"))
                                                           : values.value(QStringLiteral("source")));
    if (!sources.isEmpty() && sources != QStringList{QStringLiteral("all")}) {
        card.details << AgentCards::tr("in %1").arg(sources.join(QStringLiteral(", ")));
    }
}

void describeCall(AgentCard& card, const QJsonObject& arguments) {
    describeQuery(card, arguments);
    if (card.tool == QLatin1String("aesthetics_rate") &&
        (card.query.isEmpty() || card.query.compare(QLatin1String("last"), Qt::CaseInsensitive) == 0)) {
        card.query.clear();
        card.title = AgentCards::tr("aesthetics_rate of the last results");
    }
    const auto has = [&](const char* name) { return arguments.contains(QLatin1String(name)); };
    const auto number = [&](const char* name) { return arguments.value(QLatin1String(name)).toDouble(); };
    if (card.tool == QLatin1String("commit") && has("threshold")) {
        card.title += QStringLiteral(" \u2265 ") + similarity(number("threshold"));
    }
    if (has("min_threshold") || has("max_threshold")) {
        card.details.prepend(AgentCards::tr("band %1 to %2")
                                 .arg(similarity(has("min_threshold") ? number("min_threshold") : -1.0),
                                      similarity(has("max_threshold") ? number("max_threshold") : 1.0)));
    }
    for (const char* size : {"top_k", "count", "n", "sample_size"}) {
        if (has(size)) {
            card.details
                << AgentCards::tr("%1 images asked").arg(count(arguments.value(QLatin1String(size))));
        }
    }
    if (has("commit_id")) {
        card.title += QLatin1Char(' ') + string(arguments, "commit_id").left(12);
    }
    if (has("message")) {
        card.details << quoted(string(arguments, "message"));
    }
    if (has("tags")) {
        const QStringList tags = strings(arguments.value(QStringLiteral("tags")));
        if (!tags.isEmpty()) {
            card.details << AgentCards::tr("tags: %1").arg(tags.join(QStringLiteral(", ")));
        }
    }
    if (has("summary")) {
        const QStringList lines = string(arguments, "summary").split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (int i = 0; i < lines.size() && i < kMaxSummaryLines; ++i) {
            card.details << oneLine(lines[i]);
        }
    }
}

QVector<AgentCardImage> imagesOf(const QJsonValue& rows, const char* valueField) {
    QVector<AgentCardImage> images;
    for (const auto& value : rows.toArray()) {
        const QJsonObject row = value.toObject();
        images.push_back({string(row, "source"), string(row, "id"), string(row, "path"),
                          row.value(QLatin1String(valueField)).toDouble()});
    }
    return images;
}

QString searchResult(const QJsonObject& data) {
    const QJsonArray results = data.value(QStringLiteral("results")).toArray();
    const QString unmasked = count(data.value(QStringLiteral("unmasked")));
    QString line =
        results.isEmpty()
            ? AgentCards::tr("nothing of %1 unmasked").arg(unmasked)
            : AgentCards::tr("%1 of %2 unmasked, best %3")
                  .arg(count(static_cast<qint64>(results.size())), unmasked)
                  .arg(results.first().toObject().value(QStringLiteral("similarity")).toDouble(), 0, 'f', 2);
    const qint64 masked = data.value(QStringLiteral("masked")).toInteger();
    if (masked > 0) {
        line += AgentCards::tr(" (%1 masked)").arg(count(masked));
    }
    return line;
}

QString ratingResult(AgentCard& card, const QJsonObject& data) {
    for (const auto& value : data.value(QStringLiteral("counts")).toArray()) {
        card.scoreCounts << value.toInt();
    }
    const QJsonArray edges = data.value(QStringLiteral("edges")).toArray();
    if (!edges.isEmpty()) {
        card.scoreLow = edges.first().toDouble();
        card.scoreHigh = edges.last().toDouble();
    }
    const auto score = [&](const char* name) {
        return QString::number(data.value(QLatin1String(name)).toDouble(), 'f', 2);
    };
    QString line = AgentCards::tr("%1 rated, mean %2, median %3 (%4 to %5)")
                       .arg(count(data.value(QStringLiteral("rated"))), score("mean"), score("median"),
                            score("minimum"), score("maximum"));
    const qint64 failures = data.value(QStringLiteral("failures")).toInteger();
    if (failures > 0) {
        line += AgentCards::tr(", %1 failed").arg(count(failures));
    }
    return line;
}

QString statusResult(const QJsonObject& data) {
    const qint64 commits = data.value(QStringLiteral("live_commits")).toArray().size();
    const QString images = count(data.value(QStringLiteral("distinct_images")));
    QString line = commits == 1
                       ? AgentCards::tr("%1 distinct images in 1 live commit").arg(images)
                       : AgentCards::tr("%1 distinct images in %2 live commits").arg(images, count(commits));
    const QJsonObject added = data.value(QStringLiteral("run_added")).toObject();
    if (added.contains(QStringLiteral("distinct_images"))) {
        line +=
            AgentCards::tr("; this run added %1").arg(count(added.value(QStringLiteral("distinct_images"))));
    }
    return line;
}

QString affected(const QJsonValue& value) {
    return value.isArray() ? count(static_cast<qint64>(value.toArray().size())) : count(value);
}

} // namespace

AgentCard agentCardForCall(const QJsonObject& event) {
    AgentCard card;
    card.callId = string(event, eventfield::kCallId);
    card.tool = string(event, eventfield::kName);
    card.turn = event.value(QLatin1String(eventfield::kTurn)).toInt();
    const QString arguments = string(event, eventfield::kArguments);
    const QJsonDocument parsed = QJsonDocument::fromJson(arguments.toUtf8());
    card.rawArguments =
        parsed.isObject() ? QString::fromUtf8(parsed.toJson(QJsonDocument::Indented)) : arguments;
    if (parsed.isObject()) {
        describeCall(card, parsed.object());
    } else {
        card.title = card.tool;
        if (!arguments.trimmed().isEmpty()) {
            card.details << AgentCards::tr("arguments that do not parse: %1").arg(oneLine(arguments));
        }
    }
    return card;
}

void applyAgentResult(AgentCard& card, const QJsonObject& event) {
    card.answered = true;
    card.ok = event.value(QLatin1String(eventfield::kOk)).toBool(true);
    card.rawResult = indentedJson(event);
    const QJsonObject data = event.value(QLatin1String(eventfield::kData)).toObject();
    // The transcript names the grid files on the event (docs/transcript.md); older test events in data.
    card.gridFiles = strings(event.contains(QLatin1String(eventfield::kGridFiles))
                                 ? event.value(QLatin1String(eventfield::kGridFiles))
                                 : data.value(QLatin1String(eventfield::kGridFiles)));
    if (card.turn == 0) {
        card.turn = event.value(QLatin1String(eventfield::kTurn)).toInt();
    }
    if (!card.ok) {
        QString text = string(event, eventfield::kText).section(QLatin1Char('\n'), 0, 0);
        if (text.startsWith(QLatin1String("ERROR: "))) {
            text = text.mid(7);
        }
        card.result = AgentCards::tr("Failed: %1").arg(oneLine(text));
        return;
    }
    const QString& tool = card.tool;
    if (tool == QLatin1String("search")) {
        describeQuery(card, data); // as the tool ran it, after coercion and aliases
        card.images = imagesOf(data.value(QStringLiteral("results")), "similarity");
        card.result = searchResult(data);
    } else if (tool == QLatin1String("sample")) {
        card.images = imagesOf(data.value(QStringLiteral("results")), "similarity");
        card.result = AgentCards::tr("%1 of %2 in the band")
                          .arg(count(static_cast<qint64>(card.images.size())),
                               count(data.value(QStringLiteral("eligible"))));
    } else if (tool == QLatin1String("sample_from_committed")) {
        card.images = imagesOf(data.value(QStringLiteral("results")), "similarity");
        const QString commit = string(data, "commit");
        card.result = AgentCards::tr("%1 of %2 committed images%3")
                          .arg(count(static_cast<qint64>(card.images.size())),
                               count(data.value(QStringLiteral("population"))),
                               commit.isEmpty() ? QString() : AgentCards::tr(" of %1").arg(commit.left(8)));
    } else if (tool == QLatin1String("aesthetics_rate")) {
        // The grid the agent was shown when it asked for one, else the scores it read.
        const bool grid = data.contains(QStringLiteral("grid"));
        card.images = imagesOf(data.value(grid ? QStringLiteral("grid") : QStringLiteral("scores")), "score");
        card.imagesAreScores = true;
        card.result = ratingResult(card, data);
    } else if (tool == QLatin1String("commit") && data.contains(QStringLiteral("short_id"))) {
        card.result = AgentCards::tr("%1: %2 images, %3 new")
                          .arg(string(data, "short_id"), count(data.value(QStringLiteral("selected"))),
                               count(data.value(QStringLiteral("added"))));
    } else if (tool == QLatin1String("undo_commit") && data.contains(QStringLiteral("short_id"))) {
        card.result = AgentCards::tr("undid %1 (%2 images affected)")
                          .arg(string(data, "short_id"), affected(data.value(QStringLiteral("affected"))));
    } else if (tool == QLatin1String("status")) {
        card.result = statusResult(data);
    } else if (tool == QLatin1String("finish")) {
        card.result = AgentCards::tr("The run ends here.");
    } else {
        card.result = oneLine(string(event, eventfield::kText).section(QLatin1Char('\n'), 0, 0));
    }
}

} // namespace curator::ui
