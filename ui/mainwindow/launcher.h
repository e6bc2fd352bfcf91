#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace curator::ui {

class MainWindow;

struct LaunchOptions {
    QString workspace; // --workspace
    bool demo = false; // --demo: create the demo workspace when needed and open it
    QString query;     // --query
    QStringList negatives;
    QString agentTheme;          // --agent-theme
    QString screenshot;          // --screenshot FILE: render once loaded, save, exit
    QString layout;              // --layout supervise|by-hand: a View menu preset to start with
    bool quitAfterPaint = false; // --quit-after-paint: print when the window was first painted, exit
};

// Decides which workspace the workstation opens and opens it: --demo (created with a progress dialog when
// missing), --workspace, $CURATOR_WORKSPACE, the workspace remembered from last time, ./workspace; with
// none of these it offers to create the demo or open a folder. Owns the main window and replaces it when
// the user opens another workspace. The opened workspace is remembered.
class Launcher : public QObject {
    Q_OBJECT
public:
    explicit Launcher(LaunchOptions options, QObject* parent = nullptr);
    ~Launcher() override;

    void start();
    MainWindow* window() const;

    // Opens (or, for the demo, creates then opens) a workspace in a new main window.
    void openWorkspace(const QString& directory);
    void createDemo(const QString& directory);

Q_SIGNALS:
    void windowShown(curator::ui::MainWindow* window);
    // No window to show (the user declined, or an error was printed): the application should end.
    void quitRequested(int exitCode);

private:
    void offerChoices();
    void afterShown();
    void exitWithError(const QString& message);

    LaunchOptions m_options;
    QPointer<MainWindow> m_window;
};

} // namespace curator::ui
