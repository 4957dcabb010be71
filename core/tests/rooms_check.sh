#!/bin/bash
# rooms_check.sh ROOT: core/'s rooms in order (util, nn, data, train, teach, io); a file in one
# includes only its own room and the rooms before it, so every arrow between rooms runs one way.
# Prints each include that reaches up, and fails if there is one. Also: core/ includes no GUI.
root=${1:?usage: rooms_check.sh ROOT}
rooms=(util nn data train teach io)
bad=0
for ((i = 0; i < ${#rooms[@]}; ++i)); do
    for ((j = i + 1; j < ${#rooms[@]}; ++j)); do
        if grep -n "#include \"core/${rooms[j]}/" "$root/core/${rooms[i]}"/*.[ch]pp; then
            echo "  ^ core/${rooms[i]}/ includes core/${rooms[j]}/, a later room" >&2
            bad=1
        fi
    done
done
if grep -rnE '#include [<"](imgui|GLFW|GL/|GLES|app/)' "$root/core" --include=*.cpp --include=*.hpp | grep -v '/tests/'; then
    echo "  ^ core/ includes the GUI" >&2
    bad=1
fi
loose=$(find "$root/core" -maxdepth 1 -name '*.[ch]pp')
if [ -n "$loose" ]; then
    echo "$loose: in no room" >&2
    bad=1
fi
exit $bad
