// installCuratorTranslator: loads the workstation's translation for the system locale.
//
// The .qm files are compiled from translations/*.ts at build time and embedded in curator_ui as the
// resource `curator_translations` under :/i18n (translations/CMakeLists.txt), so no install path can
// lose them. Header-only and Qt-only; include it from a program that links curator_ui.
#pragma once

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QString>
#include <QTranslator>

// Q_INIT_RESOURCE must be used outside any namespace; it also makes the linker keep the resource's
// object file, which nothing else references in the static library.
inline void curatorInitTranslationResources() {
    Q_INIT_RESOURCE(curator_translations);
}

// Installs, for QLocale::system(), ":/i18n/curator_<locale>.qm" (QTranslator tries the locale's UI
// languages, e.g. zh_Hans_CN, zh_CN, zh) and, when the system has it (Debian: qt6-translations-l10n),
// Qt's own qtbase_<locale>.qm for the standard dialog buttons. A locale without a file keeps the
// English source strings. The translators are children of app.
inline void installCuratorTranslator(QCoreApplication& app) {
    curatorInitTranslationResources();
    const QLocale locale = QLocale::system();

    auto* curator = new QTranslator(&app);
    if (curator->load(locale, QStringLiteral("curator"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(curator);
    } else {
        delete curator;
    }

    auto* qtbase = new QTranslator(&app);
    if (qtbase->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtbase);
    } else {
        delete qtbase;
    }
}
