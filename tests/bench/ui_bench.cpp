// The workstation's latency beyond the scan: from asking for a search to the grid painting its results,
// minus what the core itself spends on the same work (embedding the text, the top-k scan and the
// similarity distribution). Measured, never asserted.
//
//   ui_bench WORKSPACE [--repeats N] [QUERY ...]
//
// Runs offscreen when no display is set. Prints per query the median of N runs.
#include "bridge/searchbridge.h"
#include "mainwindow/mainwindow.h"
#include "models/searchresultsmodel.h"
#include "models/workspacebackends.h"
#include "search/searchoperations.h"
#include "store/embeddingstore.h"
#include "widgets/resultsview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Waits until the widget paints (or 10 s pass).
class PaintWaiter : public QObject {
public:
    explicit PaintWaiter(QWidget* widget)
        : m_widget(widget) {
        widget->installEventFilter(this);
    }
    void arm() { m_painted = false; }
    bool wait() {
        if (m_painted) {
            return true;
        }
        QEventLoop loop;
        m_loop = &loop;
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        m_loop = nullptr;
        return m_painted;
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_widget && event->type() == QEvent::Paint) {
            m_painted = true;
            if (m_loop) {
                // Let this paint finish before stopping the clock.
                QTimer::singleShot(0, m_loop, &QEventLoop::quit);
            }
        }
        return false;
    }

private:
    QWidget* m_widget;
    QEventLoop* m_loop = nullptr;
    bool m_painted = false;
};

// The core's share of one search, as SearchBridge does it, with the store and the embedder already open.
double coreMilliseconds(curator::Embedder& embedder,
                        const std::vector<const curator::EmbeddingMatrix*>& segments,
                        const std::string& query) {
    QElapsedTimer timer;
    timer.start();
    auto vector = embedder.embedText(query);
    if (!vector) {
        std::fprintf(stderr, "cannot embed '%s': %s\n", query.c_str(), vector.error().c_str());
        std::exit(1);
    }
    auto set = curator::makeQuerySet(vector->vector, {}, 0.3f);
    auto top = curator::searchTopK(segments, *set, 200);
    auto distribution = curator::similarityDistribution(segments, *set);
    if (!top || !distribution) {
        std::fprintf(stderr, "core search failed\n");
        std::exit(1);
    }
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("WideSpectrumCuratorBench"));
    QStringList arguments = QApplication::arguments().mid(1);
    if (arguments.isEmpty()) {
        std::fprintf(stderr, "usage: ui_bench WORKSPACE [--repeats N] [QUERY ...]\n");
        return 2;
    }
    const QString workspace = arguments.takeFirst();
    int repeats = 7;
    if (arguments.size() >= 2 && arguments.first() == QLatin1String("--repeats")) {
        arguments.removeFirst();
        repeats = std::max(1, arguments.takeFirst().toInt());
    }
    if (arguments.isEmpty()) {
        arguments = {QStringLiteral("motion blur"), QStringLiteral("film grain"), QStringLiteral("vhs decay"),
                     QStringLiteral("chromatic aberration")};
    }

    auto store = curator::EmbeddingStore::open(workspace.toStdString());
    auto embedder = curator::createWorkspaceEmbedder(workspace.toStdString());
    if (!store || !embedder) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(workspace),
                     (!store ? store.error() : embedder.error()).c_str());
        return 1;
    }
    auto segments = store->select((*embedder)->modelName(), {});
    if (!segments) {
        std::fprintf(stderr, "cannot search %s: %s\n", qPrintable(workspace), segments.error().c_str());
        return 1;
    }
    size_t rows = 0;
    for (const auto* matrix : *segments) {
        rows += matrix->rows();
    }

    QElapsedTimer construct;
    construct.start();
    curator::ui::MainWindow window(workspace);
    window.show();
    PaintWaiter windowPainted(&window);
    windowPainted.wait();
    std::printf("%zu images; window constructed and painted in %.1f ms (in process)\n", rows,
                static_cast<double>(construct.nsecsElapsed()) / 1e6);

    QWidget* grid = window.resultsView()->viewport();
    PaintWaiter gridPainted(grid);
    auto searchToGrid = [&](const QString& query) {
        QElapsedTimer timer;
        timer.start();
        QEventLoop shown;
        auto connection =
            QObject::connect(&window, &curator::ui::MainWindow::resultsShown, &shown, &QEventLoop::quit);
        // A search that cannot run ends the benchmark with its error instead of waiting for results.
        auto failure = QObject::connect(
            &window, &curator::ui::MainWindow::searchFailed, &shown, [&query](const QString& message) {
                std::fprintf(stderr, "search for '%s' failed: %s\n", qPrintable(query), qPrintable(message));
                std::exit(1);
            });
        gridPainted.arm();
        window.search(query);
        shown.exec();
        QObject::disconnect(connection);
        QObject::disconnect(failure);
        gridPainted.wait();
        return static_cast<double>(timer.nsecsElapsed()) / 1e6;
    };
    searchToGrid(arguments.first()); // opens the store and the embedder in the bridge

    std::printf("%-24s %12s %12s %14s\n", "query", "core ms", "to grid ms", "beyond scan ms");
    std::vector<double> overheads;
    for (const QString& query : arguments) {
        std::vector<double> core;
        std::vector<double> total;
        for (int i = 0; i < repeats; ++i) {
            core.push_back(coreMilliseconds(**embedder, *segments, query.toStdString()));
            total.push_back(searchToGrid(query));
        }
        const double overhead = median(total) - median(core);
        overheads.push_back(overhead);
        std::printf("%-24s %12.1f %12.1f %14.1f\n", qPrintable(query), median(core), median(total), overhead);
    }
    std::printf("median latency beyond the scan: %.1f ms\n", median(overheads));

    // Scrolling 10,000 results: the time to paint the grid at 60 positions from top to bottom, thumbnails
    // not yet decoded (the first sight of each position, the worst case).
    curator::ui::SearchRequestValues large;
    large.query = arguments.first();
    large.topK = 10000;
    QEventLoop ready;
    QObject::connect(window.searchBridge(), &curator::ui::SearchBridge::resultsReady, &window,
                     [&window](const curator::ui::SearchSnapshot& snapshot) {
                         window.resultsModel()->setSnapshot(snapshot);
                     });
    QObject::connect(window.searchBridge(), &curator::ui::SearchBridge::resultsReady, &ready,
                     &QEventLoop::quit);
    window.searchBridge()->search(large);
    ready.exec();
    QScrollBar* scrollBar = window.resultsView()->verticalScrollBar();
    QApplication::processEvents();
    std::vector<double> frames;
    for (int step = 0; step <= 60; ++step) {
        scrollBar->setValue(scrollBar->maximum() * step / 60);
        QElapsedTimer frame;
        frame.start();
        grid->repaint();
        frames.push_back(static_cast<double>(frame.nsecsElapsed()) / 1e6);
        QApplication::processEvents();
    }
    std::printf("scrolling %d results: frame paint median %.2f ms, worst %.2f ms\n",
                window.resultsModel()->rowCount(), median(frames),
                *std::max_element(frames.begin(), frames.end()));
    return 0;
}
