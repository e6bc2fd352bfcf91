#include "widgets/charticks.h"

#include <algorithm>
#include <cmath>

namespace curator::ui {

namespace {

// Multiples of `step` between low and high, snapped so that 0.1 * 3 prints as 0.3.
std::vector<double> multiples(double low, double high, double step) {
    std::vector<double> values;
    const double first = std::ceil(low / step - 1e-9);
    const double last = std::floor(high / step + 1e-9);
    for (double k = first; k <= last; k += 1) {
        const double value = k * step;
        values.push_back(std::round(value / step) * step);
    }
    return values;
}

} // namespace

AxisTicks niceTicks(double low, double high, int maxTicks, double minimumStep) {
    AxisTicks ticks;
    maxTicks = std::max(2, maxTicks);
    if (!std::isfinite(low) || !std::isfinite(high) || high <= low) {
        return ticks; // no span, no ticks
    }
    const double span = high - low;
    double magnitude = std::pow(10.0, std::floor(std::log10(span / maxTicks)));
    while (true) {
        for (double factor : {1.0, 2.0, 5.0}) {
            const double step = factor * magnitude;
            if (step < minimumStep) {
                continue;
            }
            const double count = std::floor(high / step + 1e-9) - std::ceil(low / step - 1e-9) + 1;
            if (count <= maxTicks) {
                ticks.step = step;
                ticks.values = multiples(low, high, step);
                ticks.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(magnitude) + 1e-9)));
                return ticks;
            }
        }
        magnitude *= 10;
    }
}

double niceCeiling(double value, int maxTicks, double minimumStep) {
    if (!(value > 0)) {
        return std::max(minimumStep, 1.0);
    }
    const AxisTicks ticks = niceTicks(0, value, maxTicks, minimumStep);
    return std::ceil(value / ticks.step - 1e-9) * ticks.step;
}

QString tickLabel(double value, int decimals) {
    if (std::abs(value) < 1e-12) {
        value = 0; // no "-0.00"
    }
    return QString::number(value, 'f', decimals);
}

} // namespace curator::ui
