#pragma once

#include <QString>

#include <vector>

namespace curator::ui {

// Round tick values for a chart axis: a step of 1, 2 or 5 x 10^n, the smallest that gives at most
// `maxTicks` ticks inside [low, high]. `minimumStep` keeps count axes on whole numbers.
struct AxisTicks {
    double step = 1;
    std::vector<double> values; // ascending, each a multiple of step, inside [low, high]
    int decimals = 0;           // enough to print the step exactly
};

AxisTicks niceTicks(double low, double high, int maxTicks, double minimumStep = 0);

// The smallest multiple of a round step (as niceTicks picks it for [0, value]) at or above `value`:
// the top of a count axis, so that it ends on a labelled tick.
double niceCeiling(double value, int maxTicks, double minimumStep = 0);

QString tickLabel(double value, int decimals);

} // namespace curator::ui
