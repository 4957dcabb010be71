#!/usr/bin/env bash
# screenshots.sh: regenerates the README's screenshots from the real binary under Xvfb.
# Usage: scripts/screenshots.sh   (after scripts/setup.sh test; writes docs/*.png)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/app/nnplay
# start_x WxH: a private Xvfb of that size (it picks a free display and writes its number to fd 3
# once it accepts clients); the previous one, if any, is stopped.
numfile=$(mktemp)
xvfb=
trap 'kill $xvfb 2>/dev/null || true; rm -f "$numfile"' EXIT
start_x() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && sleep 0.5
  : >"$numfile"
  Xvfb -displayfd 3 -screen 0 "$1x24" -nolisten tcp 3>"$numfile" >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 100); do [ -s "$numfile" ] && break; sleep 0.1; done
  [ -s "$numfile" ] || { echo "screenshots.sh: Xvfb did not start" >&2; exit 1; }
  export DISPLAY=":$(head -n 1 "$numfile")" DISPLAY_W="${1%x*}"
}
start_x 1280x720
park() { xdotool mousemove "$((${DISPLAY_W:-1280} - 10))" 10; } # the menu bar's empty end: nothing hovered
park

# press KEY...: hold each key across a few frames, as a finger does.
press() { for k in "$@"; do xdotool keydown "$k" sleep 0.12 keyup "$k" sleep 0.1; done; }

# shot NAME SECONDS [nnplay args...] -- [keys...]: run, wait, press keys, capture, quit.
shot() {
  local name=$1 wait=$2; shift 2
  local args=() keys=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift && keys=("$@")
  "$bin" "${args[@]}" >/dev/null 2>&1 &
  local pid=$!
  sleep "$wait"
  xdotool mousemove 640 710
  [ ${#keys[@]} -gt 0 ] && press "${keys[@]}" && sleep 1
  park
  sleep 0.5
  import -window root "docs/$name.png"
  xdotool keydown ctrl keydown q sleep 0.2 keyup q keyup ctrl
  wait "$pid" || true
  echo "docs/$name.png"
}

# clickshot NAME SECONDS [nnplay args...] -- [steps...]: as shot, where a step is a named item
# the window printed with --print-layout (clicked), key:NAME (pressed) or sleep:SECONDS.
clickshot() {
  local name=$1 wait=$2; shift 2
  local args=() steps=() log
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift && steps=("$@")
  log=$(mktemp)
  "$bin" --print-layout "${args[@]}" >"$log" 2>&1 &
  local pid=$!
  sleep "$wait"
  for step in "${steps[@]}"; do
    case "$step" in
      key:*) xdotool mousemove 640 710; press "${step#key:}" ;;
      sleep:*) sleep "${step#sleep:}" ;;
      *) local at; at=$(grep "^$step: " "$log" | tail -n 1 | sed "s/^$step: //")
         [ -n "$at" ] || { echo "screenshots.sh: $name: the window never showed '$step'" >&2; kill "$pid"; return 1; }
         xdotool mousemove ${at%% *} ${at##* } sleep 0.2 click 1 sleep 0.4 ;;
    esac
  done
  park
  sleep 0.5
  import -window root "docs/$name.png"
  xdotool keydown ctrl keydown q sleep 0.2 keyup q keyup ctrl
  wait "$pid" || true
  rm -f "$log"
  echo "docs/$name.png"
}

# The learning-rate lab: the shipped lesson (a linear neuron on a noisy plane) at its own pace:
# 0.0003 crawls, 0.01 converges, 0.165 bounces, 1 diverges; then four rates on XOR.
lesson=assets/sessions/learning-rate-regimes.json
shot lab-regimes 12 --load "$lesson"
shot lab-xor 5 --compare lr=0.001,0.03,0.3,3
# The lesson's valley seen from two weights: the Surface tab while a good rate trains (the lab
# closed with its button), then the large rate that zig-zags across it.
clickshot surface-good 2 --load "$lesson" -- "controls button Compare" "loss tab Surface" key:space sleep:6
clickshot surface-zigzag 2 --load "$lesson" -- "controls button Compare" "controls learning rate exact" key:ctrl+a \
  key:0 key:period key:1 key:6 key:Return "loss tab Surface" key:space sleep:5
clickshot rate-finder 2 --load "$lesson" -- "controls button Compare" "loss tab Rate finder" "loss button Run the range test" sleep:2

shot playground 4 --play
shot spiral-3-classes 6 --load assets/sessions/spiral-3-classes.json --play -- m
shot deep-sigmoid-gradients 5 --load assets/sessions/deep-sigmoid-xor.json --play -- k g
shot light-theme 3 --preset circle --play --light

# Step-through mode on the lecture's worked example: one picture per phase, reached by pressing
# Right as a teacher would (the scenario opens in step mode at the batch).
worked=assets/scenarios/worked-2-2-2.json
names=(batch forward-hidden forward-output loss backward-output backward-hidden update)
for k in "${!names[@]}"; do
  keys=()
  for ((i = 0; i < k; ++i)); do keys+=(Right); done
  if [ $k -eq 0 ]; then shot "step-$((k + 1))-${names[$k]}" 3 --load "$worked"
  else shot "step-$((k + 1))-${names[$k]}" 3 --load "$worked" -- "${keys[@]}"; fi
done
# A mini-batch of 10 on the XOR demo: nodes show one sample, the update uses the batch mean.
shot step-minibatch 3 -- s Right Right Right Right Right Right Right
# The perceptron on AND after a few epochs: its unit's line has settled between the classes.
shot perceptron-and 3 --load assets/scenarios/perceptron-and.json -- space
# Nnplay's own three-input example: no plane, so the canvas is a table of the sample.
shot step-three-inputs 3 --load assets/scenarios/worked-3-2-1.json -- Right Right Right Right Right

# The image mode: the lecture's digit MLP on Fashion-MNIST after a few epochs.
if [ -d /usr/share/datasets/fashion-mnist ]; then shot images-fashion-mnist 20 --images fashion-mnist --play; fi

# Presenter mode (F11) on a 1920x1080 screen: the playground, and step mode.
start_x 1920x1080
shot presenter-playground 5 --presenter --play
shot presenter-step 3 --presenter --load "$worked" -- Right Right Right Right Right
