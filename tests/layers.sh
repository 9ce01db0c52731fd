#!/usr/bin/env bash
# Layers that only point down: every `#include "x.h"` of src/ and include/
# against the layer order below.  A module (a .c file and its header, or a
# private header of src/) may include the headers of its own layer and of
# the layers under it, never of one above: data flow one way, ingest ->
# scores -> statistics -> plans -> writers, over the reference data and the
# kit.  A module missing from the table fails too, so that a new one is
# placed on purpose.  Prints every upward include as
# "file:line: <module> (<layer>) includes <header> (<layer>)".
#
# The scoring model is reference data the input is read against (ingest's
# headers name its items), so it sits under ingest.  The workbook kit
# (xlsx_book, xlsx_table, xlsx_print) knows no ITA and sits with the other
# kit modules; xlsx_ita (Target, grades, names of offices) and
# xlsx_common, the one header writers include, are with the writers.
set -euo pipefail
cd "$(dirname "$0")/.."

# Lowest first: layer name, then its modules (shell patterns).
LAYERS=(
    "kit        text lang diag csvread csvout xlsxread xlsx_zip outfile textlayout names name_cache workers thai_digits print_copy pdf_export xlsx_book xlsx_table xlsx_print"
    "reference  registry model measures"
    "ingest     dataset ingest ingest_header respondent_answers"
    "scores     scores uncertainty uncertainty_tally"
    "statistics stats"
    "plans      plans plans_indicator returned progress"
    "writers    report results_csv progress_csv diag_text manifest output_keep xlsx_ita xlsx_common city_* office_*"
    "program    cli office_selection output_check main_*"
)

# The layer number and name of module $1, or nothing.  A name written out
# wins over a pattern (office_selection is a program module, not one of
# the writers' office_*); among patterns, the lowest layer's.
layer_of() {
    local module=$1 i pattern exact
    for exact in 1 0; do
        for i in "${!LAYERS[@]}"; do
            set -f  # the patterns are matched below, not expanded as file names
            # shellcheck disable=SC2086
            set -- ${LAYERS[$i]}
            set +f
            local name=$1; shift
            for pattern in "$@"; do
                if [ "$exact" = 1 ]; then
                    [[ $module == "$pattern" ]] || continue
                else
                    # shellcheck disable=SC2053
                    [[ $module == $pattern ]] || continue
                fi
                echo "$i $name"; return
            done
        done
    done
}

bad=0
for file in src/*.c src/*.h include/*.h; do
    module=$(basename "$file"); module=${module%.*}
    read -r from from_name <<<"$(layer_of "$module")" || true
    if [ -z "${from:-}" ]; then
        echo "$file: module $module is in no layer of tests/layers.sh"
        bad=$((bad + 1)); continue
    fi
    while IFS=: read -r line header; do
        read -r to to_name <<<"$(layer_of "${header%.h}")" || true
        if [ -z "${to:-}" ]; then
            echo "$file:$line: $header is in no layer of tests/layers.sh"
            bad=$((bad + 1))
        elif [ "$to" -gt "$from" ]; then
            echo "$file:$line: ${file##*/} ($from_name) includes $header ($to_name)"
            bad=$((bad + 1))
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
             sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1:\2/')
    unset from to
done
if [ "$bad" -ne 0 ]; then
    echo "$bad include(s) against the layer order"
    exit 1
fi
echo "every include points down: ${#LAYERS[@]} layers"
