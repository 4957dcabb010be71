// colors.hpp: the colour-blind-safe class palette and the colour maps of the canvas and edges.
#pragma once
#include "core/data/dataset.hpp"

#include <imgui.h>

namespace nnplay {

// Colours as ImGui packs them, without calling ImGui: the map worker paints off the main thread.
ImU32 PackColor(float r, float g, float b, float a = 1.0f);

// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
// colour blindness. Class 0 orange and class 1 blue, as the TensorFlow Playground.
ImU32 ClassColor(int cls, float alpha = 1.0f);
ImVec4 ClassColorVec(int cls);

// The runs of a comparison: six colours apart from each other and from the two class colours
// (Okabe & Ito's sky blue, vermillion, bluish green, reddish purple, yellow, and grey).
ImU32 RunColor(int k);

// Layer l of `layers` (the gradient norms per layer): hues in order round the wheel from blue
// through green, yellow and red to purple, so each of up to nine layers has its own colour and
// neighbours in depth are neighbours in hue (six class colours made layers 1 and 7 alike).
ImU32 LayerColor(int l, int layers);

// A diverging map over [0, 1]: 0 -> class 0 colour, 0.5 -> neutral, 1 -> class 1 colour.
ImU32 Diverging(double t, bool light, float alpha = 1.0f);
// A data point's colour: its class's, or for a value the diverging scale with the middle of the
// other theme's (a value near 0 is a pale dot on the dark map, a dark one on the light map:
// never grey on grey).
ImU32 PointColor(const DataPoint& p, bool regression, bool light);
// A point's dark rim, and the ring round a point the network gets wrong.
inline ImU32 PointOutlineColor(bool light) {
    return light ? IM_COL32(30, 30, 30, 255) : IM_COL32(20, 20, 20, 255);
}
inline ImU32 WrongRingColor(bool light) {
    return light ? IM_COL32(20, 20, 20, 255) : IM_COL32(250, 250, 250, 255);
}
// Weights and gradients: orange for negative, blue for positive, strength by |v| / scale.
ImU32 SignedColor(double v, double scale, float alpha = 1.0f);

} // namespace nnplay
