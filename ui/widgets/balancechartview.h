#pragma once

#include "dataset/balancereport.h"
#include "widgets/charticks.h"

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <memory>

namespace curator::ui {

// A balance report as a chart: one horizontal bar per taxonomy attribute (and one for images with no
// attribute), stacked by direction (anti, pro, mixed, unknown), with the target as a dashed line and the
// attributes under it named in the error colour, so the thin themes stand out at a glance.
class BalanceChartView : public QWidget {
    Q_OBJECT
public:
    explicit BalanceChartView(QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const BalanceReport> report);
    void setEmptyText(const QString& text);
    // Leaves out the attributes that hold no image (a taxonomy of a hundred attributes is mostly empty
    // early on).
    void setHideEmpty(bool hide);

    // What is drawn, for tests.
    QStringList rowLabels() const;   // "attribute (n)" per bar, top to bottom
    QStringList underTarget() const; // the rows drawn as under the target
    AxisTicks xTicks() const;
    double xTop() const { return m_xTop; }
    static QStringList directions(); // the stacking order
    static QColor directionColour(const QString& direction);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Row {
        bool heading = false; // a taxonomy group's name above its attributes
        QString label;
        size_t images = 0;
        std::map<std::string, size_t> byDirection;
        bool underTarget = false;
    };
    void rebuildRows();
    int labelWidth() const;
    QRect plotRect() const;

    std::shared_ptr<const BalanceReport> m_report;
    QVector<Row> m_rows;
    double m_xTop = 10;
    QString m_emptyText;
    bool m_hideEmpty = false;
};

} // namespace curator::ui
