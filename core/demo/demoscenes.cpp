#include "demo/demodrawing.h"

#include <cmath>

// The demo's scenes: landscapes, corridors, rooms, objects and figures, with objective captions.

namespace curator::demo {

std::string drawLandscape(cv::Mat& image, Random& random) {
    const std::vector<NamedColor> skies = {{"blue", bgr(95, 150, 215)},
                                           {"pale blue", bgr(160, 190, 225)},
                                           {"grey", bgr(150, 155, 165)},
                                           {"dusky orange", bgr(190, 165, 140)}};
    const NamedColor sky = random.pick(skies);
    const int horizon = random.integer(int(kSize * 0.5), int(kSize * 0.66));
    verticalGradient(image, {0, 0, kSize, horizon}, scaled(sky.bgr, 0.8), scaled(sky.bgr, 1.15));
    const bool sun = random.chance(0.7);
    if (sun)
        cv::circle(image, {random.integer(60, kSize - 60), random.integer(40, horizon - 80)},
                   random.integer(18, 34), bgr(250, 235, 170), cv::FILLED, cv::LINE_AA);
    const std::vector<NamedColor> grounds = {
        {"green", bgr(70, 130, 60)}, {"brown", bgr(120, 95, 60)}, {"olive", bgr(105, 115, 60)}};
    const NamedColor ground = random.pick(grounds);
    const int hills = random.integer(1, 3);
    for (int h = 0; h < hills; ++h) {
        std::vector<cv::Point> polygon;
        const double amplitude = random.uniform(30, 90), phase = random.uniform(0, 2 * kPi);
        const double frequency = random.uniform(0.6, 1.8);
        const int base = horizon - h * 10;
        for (int x = 0; x <= kSize; x += 8)
            polygon.emplace_back(
                x, int(base - amplitude * (0.5 + 0.5 * std::sin(phase + frequency * kPi * x / kSize))));
        polygon.emplace_back(kSize, kSize);
        polygon.emplace_back(0, kSize);
        cv::fillPoly(image, std::vector<std::vector<cv::Point>>{polygon},
                     jitter(random, scaled(ground.bgr, 1.2 - 0.15 * h)), cv::LINE_AA);
    }
    // A flat field with a straight edge: every scene keeps some horizontal and vertical lines.
    verticalGradient(image, {0, horizon, kSize, kSize - horizon}, scaled(ground.bgr, 0.9),
                     scaled(ground.bgr, 0.6));
    cv::line(image, {0, horizon}, {kSize, horizon}, scaled(ground.bgr, 0.5), 2, cv::LINE_AA);
    const int posts = random.integer(0, 6);
    const int fenceY = random.integer(horizon + 40, kSize - 40);
    for (int p = 0; p < posts; ++p) {
        const int x = 30 + p * random.integer(55, 80);
        cv::line(image, {x, fenceY - 50}, {x, fenceY + 20}, bgr(90, 70, 50), 5, cv::LINE_AA);
    }
    if (posts > 1)
        cv::line(image, {20, fenceY - 35}, {kSize - 20, fenceY - 35}, bgr(90, 70, 50), 4, cv::LINE_AA);
    const int trees = random.integer(0, 3);
    for (int t = 0; t < trees; ++t) {
        const int x = random.integer(40, kSize - 40), y = horizon + random.integer(-10, 30);
        cv::rectangle(image, {x - 4, y - 30}, {x + 4, y + 10}, bgr(80, 55, 35), cv::FILLED);
        std::vector<cv::Point> crown = {{x - 26, y - 25}, {x + 26, y - 25}, {x, y - 95}};
        cv::fillConvexPoly(image, crown, jitter(random, bgr(40, 95, 45)), cv::LINE_AA);
    }
    std::string caption =
        "A landscape with " + plural(hills, ground.name + " hill") + " under a " + sky.name + " sky";
    if (sun)
        caption += " with a low sun";
    if (trees > 0)
        caption += ", " + plural(trees, "tree");
    if (posts > 1)
        caption += " and a wooden fence in the foreground";
    return caption + ".";
}

namespace {

const std::vector<NamedColor>& wallColors() {
    static const std::vector<NamedColor> colors = {
        {"beige", bgr(205, 190, 160)},      {"pale green", bgr(170, 195, 165)},
        {"light grey", bgr(185, 185, 185)}, {"pale yellow", bgr(215, 205, 150)},
        {"white", bgr(225, 225, 220)},      {"pale blue", bgr(165, 185, 210)}};
    return colors;
}

} // namespace

std::string drawCorridor(cv::Mat& image, Random& random) {
    const NamedColor wall = random.pick(wallColors());
    const cv::Point vanish(kSize / 2 + random.integer(-60, 60), kSize / 2 + random.integer(-40, 40));
    const int halfW = random.integer(30, 60), halfH = random.integer(35, 70);
    const cv::Point b0(vanish.x - halfW, vanish.y - halfH), b1(vanish.x + halfW, vanish.y + halfH);
    const cv::Scalar wallColor = jitter(random, wall.bgr, 8);
    // Ceiling, floor, left and right walls as quads from the image corners to the far opening.
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {kSize, 0}, {b1.x, b0.y}, {b0.x, b0.y}},
                       scaled(wallColor, 1.05));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, kSize}, {kSize, kSize}, {b1.x, b1.y}, {b0.x, b1.y}},
                       jitter(random, bgr(120, 110, 95), 20));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {b0.x, b0.y}, {b0.x, b1.y}, {0, kSize}},
                       scaled(wallColor, 0.85));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{kSize, 0}, {b1.x, b0.y}, {b1.x, b1.y}, {kSize, kSize}},
                       scaled(wallColor, 0.75));
    cv::rectangle(image, b0, b1, scaled(wallColor, 0.45), cv::FILLED);
    const cv::Scalar edge = scaled(wallColor, 0.55);
    for (const auto& corner :
         {cv::Point(0, 0), cv::Point(kSize, 0), cv::Point(0, kSize), cv::Point(kSize, kSize)})
        cv::line(image, corner, {corner.x == 0 ? b0.x : b1.x, corner.y == 0 ? b0.y : b1.y}, edge, 2,
                 cv::LINE_AA);
    // Doors: vertical quads on each side wall, evenly spaced in depth.
    const int doors = random.integer(1, 4);
    const cv::Scalar doorColor =
        jitter(random, random.chance(0.5) ? bgr(120, 85, 60) : bgr(90, 100, 110), 15);
    for (int side = 0; side < 2; ++side) {
        for (int d = 0; d < doors; ++d) {
            const double t0 = 0.12 + 0.8 * d / doors, t1 = t0 + 0.35 / doors;
            auto along = [&](double t, cv::Point from, cv::Point to) {
                return cv::Point(int(from.x + (to.x - from.x) * t), int(from.y + (to.y - from.y) * t));
            };
            const cv::Point topFrom =
                side == 0 ? cv::Point(0, int(kSize * 0.25)) : cv::Point(kSize, int(kSize * 0.25));
            const cv::Point topTo =
                side == 0 ? cv::Point(b0.x, vanish.y - halfH / 3) : cv::Point(b1.x, vanish.y - halfH / 3);
            const cv::Point bottomFrom = side == 0 ? cv::Point(0, kSize) : cv::Point(kSize, kSize);
            const cv::Point bottomTo = side == 0 ? cv::Point(b0.x, b1.y) : cv::Point(b1.x, b1.y);
            std::vector<cv::Point> quad = {along(t0, topFrom, topTo), along(t1, topFrom, topTo),
                                           along(t1, bottomFrom, bottomTo), along(t0, bottomFrom, bottomTo)};
            cv::fillConvexPoly(image, quad, doorColor, cv::LINE_AA);
            cv::polylines(image, quad, true, scaled(doorColor, 0.6), 2, cv::LINE_AA);
        }
    }
    const int lights = random.integer(2, 4);
    for (int l = 0; l < lights; ++l) {
        const double t = 0.1 + 0.75 * l / lights;
        const int y = int(t * b0.y), w = int((1 - t) * kSize * 0.15 + 6), h = int((1 - t) * 10 + 2);
        const int x = int((1 - t) * kSize / 2 + t * vanish.x);
        cv::rectangle(image, {x - w, y}, {x + w, y + h}, bgr(250, 250, 235), cv::FILLED);
    }
    for (int f = 1; f < 6; ++f) {
        const int x = f * kSize / 6;
        cv::line(image, {x, kSize}, {vanish.x + (x - kSize / 2) * halfW * 2 / kSize, b1.y},
                 jitter(random, bgr(95, 85, 75), 10), 1, cv::LINE_AA);
    }
    return "A long corridor with " + wall.name + " walls, " + plural(doors * 2, "door") + " and " +
           plural(lights, "ceiling light") + ", receding to a dark opening.";
}

std::string drawRoom(cv::Mat& image, Random& random) {
    const NamedColor wall = random.pick(wallColors());
    const cv::Scalar wallColor = jitter(random, wall.bgr, 10);
    const int left = random.integer(70, 130), right = kSize - random.integer(70, 130);
    const int top = random.integer(60, 110), bottom = kSize - random.integer(120, 170);
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {kSize, 0}, {right, top}, {left, top}},
                       scaled(wallColor, 1.05));
    cv::fillConvexPoly(image,
                       std::vector<cv::Point>{{0, kSize}, {kSize, kSize}, {right, bottom}, {left, bottom}},
                       jitter(random, bgr(140, 115, 85), 20));
    cv::fillConvexPoly(image, std::vector<cv::Point>{{0, 0}, {left, top}, {left, bottom}, {0, kSize}},
                       scaled(wallColor, 0.85));
    cv::fillConvexPoly(image,
                       std::vector<cv::Point>{{kSize, 0}, {right, top}, {right, bottom}, {kSize, kSize}},
                       scaled(wallColor, 0.8));
    cv::rectangle(image, {left, top}, {right, bottom}, wallColor, cv::FILLED);
    cv::rectangle(image, {left, top}, {right, bottom}, scaled(wallColor, 0.6), 2, cv::LINE_AA);
    const bool door = random.chance(0.7), window = random.chance(0.7);
    if (door) {
        const int x = random.integer(left + 20, right - 90);
        cv::rectangle(image, {x, bottom - 150}, {x + 65, bottom}, jitter(random, bgr(115, 80, 55)),
                      cv::FILLED);
        cv::circle(image, {x + 52, bottom - 75}, 4, bgr(210, 190, 90), cv::FILLED, cv::LINE_AA);
    }
    if (window) {
        const int x = random.integer(left + 10, right - 100);
        cv::rectangle(image, {x, top + 25}, {x + 90, top + 95}, bgr(175, 205, 235), cv::FILLED);
        cv::rectangle(image, {x, top + 25}, {x + 90, top + 95}, bgr(240, 240, 240), 4);
        cv::line(image, {x + 45, top + 25}, {x + 45, top + 95}, bgr(240, 240, 240), 3);
    }
    const bool table = random.chance(0.6);
    if (table) {
        const int x = random.integer(140, 300), y = random.integer(bottom + 20, kSize - 90);
        const cv::Scalar wood = jitter(random, bgr(125, 85, 50));
        cv::rectangle(image, {x, y}, {x + 130, y + 14}, wood, cv::FILLED);
        cv::rectangle(image, {x + 8, y + 14}, {x + 16, y + 70}, scaled(wood, 0.8), cv::FILLED);
        cv::rectangle(image, {x + 114, y + 14}, {x + 122, y + 70}, scaled(wood, 0.8), cv::FILLED);
    }
    std::string caption = "An empty room with " + wall.name + " walls";
    std::vector<std::string> parts;
    if (door)
        parts.push_back("a door");
    if (window)
        parts.push_back("a window");
    if (!parts.empty())
        caption += ", " + parts[0] + (parts.size() > 1 ? " and " + parts[1] : "") + " on the back wall";
    if (table)
        caption += ", and a small table";
    return caption + ".";
}

std::string drawObjects(cv::Mat& image, Random& random) {
    const NamedColor wall = random.pick(wallColors());
    const int tableY = random.integer(int(kSize * 0.55), int(kSize * 0.7));
    verticalGradient(image, {0, 0, kSize, tableY}, scaled(wall.bgr, 0.85), scaled(wall.bgr, 1.05));
    const cv::Scalar wood = jitter(random, bgr(140, 100, 65), 20);
    verticalGradient(image, {0, tableY, kSize, kSize - tableY}, scaled(wood, 1.1), scaled(wood, 0.75));
    cv::line(image, {0, tableY}, {kSize, tableY}, scaled(wood, 0.6), 3, cv::LINE_AA);
    const std::vector<NamedColor> fruitColors = {{"red", bgr(200, 40, 35)},
                                                 {"orange", bgr(235, 140, 30)},
                                                 {"green", bgr(110, 170, 50)},
                                                 {"yellow", bgr(235, 205, 60)}};
    const int fruits = random.integer(1, 4), boxes = random.integer(0, 2);
    const NamedColor fruit = random.pick(fruitColors);
    for (int b = 0; b < boxes; ++b) {
        const int w = random.integer(60, 120), h = random.integer(50, 110),
                  x = random.integer(20, kSize - w - 20);
        const int y = tableY + random.integer(5, 30);
        cv::rectangle(image, {x, y - h}, {x + w, y}, jitter(random, bgr(90, 110, 150), 40), cv::FILLED);
        cv::rectangle(image, {x, y - h}, {x + w, y}, bgr(40, 40, 40), 2, cv::LINE_AA);
    }
    for (int f = 0; f < fruits; ++f) {
        const int r = random.integer(26, 45), x = random.integer(50, kSize - 50),
                  y = tableY + random.integer(10, 60) - r;
        const cv::Scalar c = jitter(random, fruit.bgr, 20);
        cv::ellipse(image, {x, y}, {r, int(r * 0.9)}, 0, 0, 360, c, cv::FILLED, cv::LINE_AA);
        cv::ellipse(image, {x - r / 3, y - r / 3}, {r / 4, r / 6}, -30, 0, 360, scaled(c, 1.4), cv::FILLED,
                    cv::LINE_AA);
        cv::line(image, {x, y - int(r * 0.9)}, {x + 4, y - r - 12}, bgr(80, 60, 30), 3, cv::LINE_AA);
    }
    std::string caption = plural(fruits, "round " + fruit.name + " fruit");
    caption[0] = char(std::toupper(static_cast<unsigned char>(caption[0])));
    if (boxes > 0)
        caption += " and " + countWord(boxes) + (boxes > 1 ? " boxes" : " box");
    return caption + " on a wooden table against a " + wall.name + " wall.";
}

std::string drawFigures(cv::Mat& image, Random& random) {
    const bool outdoor = random.chance(0.5);
    const int groundY = random.integer(int(kSize * 0.65), int(kSize * 0.8));
    if (outdoor)
        verticalGradient(image, {0, 0, kSize, groundY}, bgr(110, 160, 220), bgr(185, 210, 235));
    else
        verticalGradient(image, {0, 0, kSize, groundY}, scaled(random.pick(wallColors()).bgr, 0.8),
                         random.pick(wallColors()).bgr);
    verticalGradient(image, {0, groundY, kSize, kSize - groundY},
                     outdoor ? bgr(95, 140, 70) : bgr(130, 115, 100),
                     outdoor ? bgr(60, 100, 50) : bgr(95, 85, 75));
    cv::line(image, {0, groundY}, {kSize, groundY}, bgr(50, 50, 50), 2, cv::LINE_AA);
    const int figures = random.integer(1, 3);
    const bool blobs = random.chance(0.4);
    for (int f = 0; f < figures; ++f) {
        const int x = (f + 1) * kSize / (figures + 1) + random.integer(-30, 30);
        const int height = random.integer(150, 230), feet = groundY + random.integer(0, 20);
        const cv::Scalar c = blobs ? jitter(random, bgr(60, 80, 150), 50) : bgr(35, 35, 35);
        const int headR = height / 9;
        const cv::Point head(x, feet - height + headR);
        if (blobs) {
            cv::ellipse(image, {x, feet - height / 2 + headR}, {height / 7, height / 3}, 0, 0, 360, c,
                        cv::FILLED, cv::LINE_AA);
            cv::circle(image, head, headR, jitter(random, bgr(225, 185, 150)), cv::FILLED, cv::LINE_AA);
        } else {
            cv::circle(image, head, headR, c, 4, cv::LINE_AA);
            const cv::Point neck(x, head.y + headR), hip(x, feet - height * 2 / 5);
            cv::line(image, neck, hip, c, 4, cv::LINE_AA);
            cv::line(image, hip, {x - height / 7, feet}, c, 4, cv::LINE_AA);
            cv::line(image, hip, {x + height / 7, feet}, c, 4, cv::LINE_AA);
            const int armY = neck.y + height / 8;
            cv::line(image, {x - height / 5, armY + random.integer(-25, 25)}, {x, armY}, c, 4, cv::LINE_AA);
            cv::line(image, {x, armY}, {x + height / 5, armY + random.integer(-25, 25)}, c, 4, cv::LINE_AA);
        }
    }
    return std::string(countWord(figures)) + (blobs ? " rounded" : " stick") +
           (figures == 1 ? " figure" : " figures") + " standing on flat ground " +
           (outdoor ? "under a blue sky." : "in front of a plain wall.");
}

} // namespace curator::demo
