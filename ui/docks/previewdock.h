#pragma once

#include "bridge/previewbridge.h"

#include <QDockWidget>
#include <QImage>

class QAbstractItemModel;
class QLabel;

namespace curator::ui {

// The image under the grid's keyboard cursor, as large as the dock allows, with its source, id,
// similarity and caption: review by hand without opening the preview window. Loading goes through
// PreviewBridge (newest request wins), so moving quickly through the grid never waits for an image.
class PreviewDock : public QDockWidget {
    Q_OBJECT
public:
    PreviewDock(QAbstractItemModel* results, PreviewBridge* bridge, QWidget* parent = nullptr);

    int row() const { return m_row; }
    bool hasImage() const { return !m_image.isNull(); }

public Q_SLOTS:
    // Shows `row` of the results (-1 or out of range: nothing).
    void showRow(int row);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void onPreview(const PreviewData& preview, const QString& error);
    void updateImage();

    QAbstractItemModel* m_results;
    PreviewBridge* m_bridge;
    QLabel* m_picture;
    QLabel* m_details;
    QImage m_image;
    int m_row = -1;
    quint64 m_generation = 0;
};

} // namespace curator::ui
