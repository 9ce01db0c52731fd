#include "cli.h"
#include "csvread.h"
#include "dataset.h"
#include "plans.h"
#include "text.h"
#include "uncertainty.h"

#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef ITABENCH_DATADIR
#define ITABENCH_DATADIR "/usr/local/share/itabench/reference"
#endif

static const char usage_text[] =
    "Usage: itabench [OPTIONS] INPUT...\n"
    "Scores the ITA results of district offices and writes the city and\n"
    "office workbooks, results_<year>.csv and data_quality_<year>.csv.\n"
    "INPUT is a CSV file or a folder (read recursively; folders named\n"
    "reference are skipped).\n"
    "\n"
    "  -o, --out DIR          output folder (default outputs/)\n"
    "  -y, --year YEAR        fiscal year, B.E. (2564) or C.E. (2021);\n"
    "                         default: the latest year in the input\n"
    "  -t, --target SCORE     target score (default: the model's, 85)\n"
    "      --model FILE       scoring model for every year (default: each year's\n"
    "                         reference/model_<year>.csv, else the latest before)\n"
    "      --districts FILE   office registry (default reference/bangkok_districts.csv)\n"
    "      --measures FILE    measures library (default reference/measures.csv)\n"
    "      --office CODES     office workbooks only for these (comma-separated)\n"
    "      --no-office-books  city outputs only\n"
    "      --no-city-book     no city workbook (CSV outputs only with the above)\n"
    "      --single-workbook  add every office's action plan to the city workbook\n"
    "      --protect          protect office workbooks except the cells to edit\n"
    "      --force            write over office workbooks edited since they\n"
    "                         were written, without carrying their edits\n"
    "      --lang th|en       language of the workbooks (default th)\n"
    "      --font NAME        workbook font (default TH Sarabun New)\n"
    "      --thai-digits      Thai workbooks show numbers in Thai digits\n"
    "                         (a number format: cells stay numbers)\n"
    "      --pdf              also print the signed documents to PDF\n"
    "                         through LibreOffice (soffice), in the output\n"
    "                         folder\n"
    "      --strict           data warnings become errors\n"
    "      --skip-incomplete  leave offices with missing items out of the\n"
    "                         scores (listed in data_quality) instead of failing\n"
    "      --encoding NAME    encoding of the input files (UTF-8, UTF-16,\n"
    "                         WINDOWS-874, TIS-620...); default: detected\n"
    "      --seed N           seed of the rank-interval replicates (default 2564)\n"
    "      --replicates R     rank-interval replicates (default 10000 up to\n"
    "                         500 offices, then 5,000,000 / offices, >= 1000)\n"
    "      --item-correlation R  assumed correlation of a respondent's answers\n"
    "                         to a tool's items, 0 to 1 (default 0.5), for SEs\n"
    "                         from item SEs only\n"
    "  -j, --jobs N           write office workbooks in N processes\n"
    "                         (default: the number of online CPUs)\n"
    "      --as-of DATE       date returned action plans are followed up at\n"
    "                         (YYYY-MM-DD, B.E. or C.E. year; default today)\n"
    "  -q, --quiet            errors only\n"
    "  -v, --verbose          more detail on stderr\n"
    "  -h, --help             this help\n"
    "      --version          the version\n"
    "      --check-model FILE print what a model file says (tree, weights,\n"
    "                         grade rules) or every error in it; no INPUT\n"
    "\n"
    "Exit status: 0 done, 1 errors in the input (nothing written),\n"
    "2 wrong usage, 3 the output could not be written, 4 the workbooks\n"
    "were written but --pdf could not print them (no soffice, or it failed).\n";

enum { OPT_MODEL = 256, OPT_DISTRICTS, OPT_MEASURES, OPT_OFFICE,
       OPT_NO_OFFICE, OPT_NO_CITY, OPT_SINGLE, OPT_PROTECT, OPT_LANG,
       OPT_FONT, OPT_STRICT, OPT_VERSION, OPT_ENCODING, OPT_SEED,
       OPT_REPLICATES, OPT_SKIP_INCOMPLETE, OPT_AS_OF, OPT_FORCE,
       OPT_CHECK_MODEL, OPT_ITEM_CORRELATION, OPT_THAI_DIGITS, OPT_PDF };

static const struct option long_options[] = {
    {"out", required_argument, NULL, 'o'},
    {"year", required_argument, NULL, 'y'},
    {"target", required_argument, NULL, 't'},
    {"model", required_argument, NULL, OPT_MODEL},
    {"districts", required_argument, NULL, OPT_DISTRICTS},
    {"measures", required_argument, NULL, OPT_MEASURES},
    {"office", required_argument, NULL, OPT_OFFICE},
    {"no-office-books", no_argument, NULL, OPT_NO_OFFICE},
    {"no-city-book", no_argument, NULL, OPT_NO_CITY},
    {"single-workbook", no_argument, NULL, OPT_SINGLE},
    {"protect", no_argument, NULL, OPT_PROTECT},
    {"force", no_argument, NULL, OPT_FORCE},
    {"lang", required_argument, NULL, OPT_LANG},
    {"font", required_argument, NULL, OPT_FONT},
    {"thai-digits", no_argument, NULL, OPT_THAI_DIGITS},
    {"pdf", no_argument, NULL, OPT_PDF},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"skip-incomplete", no_argument, NULL, OPT_SKIP_INCOMPLETE},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"seed", required_argument, NULL, OPT_SEED},
    {"replicates", required_argument, NULL, OPT_REPLICATES},
    {"item-correlation", required_argument, NULL, OPT_ITEM_CORRELATION},
    {"jobs", required_argument, NULL, 'j'},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"check-model", required_argument, NULL, OPT_CHECK_MODEL},
    {NULL, 0, NULL, 0},
};

/* --as-of: YYYY-MM-DD, a B.E. year taken back to C.E. */
static bool parse_as_of(const char *text, cli_options *opt)
{
    plan_date d;
    if (!plans_parse_date(text, false, &d) || d.year < 1900)
        return false;
    opt->as_of_year = d.year;
    opt->as_of_month = d.month;
    opt->as_of_day = d.day;
    return true;
}

/* " (did you mean --lang?)" for an unknown option, or "". */
static char *option_hint(const char *typed)
{
    char *key = text_suggest_key(typed);
    size_t best = SIZE_MAX;
    const char *found = NULL;
    for (const struct option *o = long_options; o->name && *key; o++) {
        char *candidate = text_suggest_key(o->name);
        size_t d;
        if (text_is_near(key, candidate, &d) && d < best) {
            best = d;
            found = o->name;
        }
        free(candidate);
    }
    free(key);
    return found ? xasprintf(" (did you mean --%s?)", found) : xstrdup("");
}

static cli_status unknown_option(const char *typed)
{
    /* "--langg=en": the option's name only */
    char *name = xstrdup(typed);
    name[strcspn(name, "=")] = '\0';
    char *hint = option_hint(name);
    fprintf(stderr, "itabench: unknown option %s%s\nTry 'itabench --help'.\n",
            name, hint);
    free(hint);
    free(name);
    return CLI_EXIT_USAGE;
}

static cli_status usage_error(const char *fmt, const char *arg)
{
    fputs("itabench: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'itabench --help'.\n", stderr);
    return CLI_EXIT_USAGE;
}

/* --seed (0..2^32-1, what gsl_rng_set keeps) or --replicates
 * (1..1,000,000: 4 bytes per office and replicate). */
static cli_status parse_simulation(bool seed, const char *arg,
                                   cli_options *opt)
{
    long v;
    bool number = text_parse_int(arg, &v);
    if (seed && number && v >= 0 && v <= 4294967295L)
        opt->seed = (unsigned long)v;
    else if (!seed && number && v >= 1 && v <= 1000000)
        opt->replicates = (size_t)v;
    else if (seed)
        return usage_error("--seed %s is not a whole number from 0 to "
                           "4294967295", arg);
    else
        return usage_error("--replicates %s is not a whole number from 1 "
                           "to 1000000", arg);
    return CLI_RUN;
}

/* The font name goes into the workbooks' XML as it is: UTF-8 text without
 * control characters only. */
static cli_status parse_font(const char *arg, cli_options *opt)
{
    char *escaped = text_escape_invalid(arg);
    bool plain = strcmp(escaped, arg) == 0 && *arg;
    cli_status st = plain ? CLI_RUN
                          : usage_error("--font \"%s\": a font name is UTF-8 "
                                        "text without control characters",
                                        escaped);
    free(escaped);
    if (plain)
        opt->font = arg;
    return st;
}

/* The options whose value must be checked: CLI_RUN with opt set, or the
 * usage error already reported. */
static cli_status parse_valued(int option, const char *arg, cli_options *opt)
{
    long n;
    switch (option) {
    case 'y':
        opt->year = text_parse_int(arg, &n) ? dataset_year_be(n) : 0;
        return opt->year ? CLI_RUN
                         : usage_error("--year %s is not a fiscal year (2564 "
                                       "or 2021)", arg);
    case 't':
        if (text_parse_number(arg, &opt->target) == NUM_OK &&
            opt->target >= 0 && opt->target <= 100)
            return CLI_RUN;
        return usage_error("--target %s is not a score from 0 to 100", arg);
    case 'j':
        if (!text_parse_int(arg, &n) || n < 1 || n > CLI_MAX_JOBS)
            return usage_error("--jobs %s is not a number of processes from 1 "
                               "to 256", arg);
        opt->jobs = (int)n;
        return CLI_RUN;
    case OPT_LANG:
        if (strcmp(arg, "th") == 0 || strcmp(arg, "en") == 0) {
            opt->lang = arg[0] == 't' ? LANG_TH : LANG_EN;
            return CLI_RUN;
        }
        return usage_error("--lang %s: use th or en", arg);
    case OPT_FONT:
        return parse_font(arg, opt);
    case OPT_ITEM_CORRELATION:
        if (text_parse_number(arg, &opt->item_correlation) == NUM_OK &&
            opt->item_correlation >= 0 && opt->item_correlation <= 1)
            return CLI_RUN;
        return usage_error("--item-correlation %s is not a correlation from 0 "
                           "to 1", arg);
    case OPT_ENCODING:
        if (!csvread_encoding_known(arg))
            return usage_error("--encoding %s: not an encoding this system can "
                               "convert (try UTF-8, UTF-16, WINDOWS-874 or "
                               "TIS-620)", arg);
        opt->encoding = arg;
        return CLI_RUN;
    default: /* OPT_AS_OF */
        if (parse_as_of(arg, opt))
            return CLI_RUN;
        return usage_error("--as-of %s is not a date (YYYY-MM-DD, e.g. "
                           "2565-03-31 or 2022-03-31)", arg);
    }
}

cli_status cli_parse(int argc, char **argv, cli_options *opt)
{
    *opt = (cli_options){.out_dir = "outputs/", .target = NAN,
                         .font = "TH Sarabun New", .seed = UNCERTAINTY_DEFAULT_SEED,
                         .item_correlation = UNCERTAINTY_DEFAULT_ITEM_CORRELATION};
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":o:y:t:j:qvh", long_options, NULL)) !=
           -1) {
        switch (c) {
        case 'o': opt->out_dir = optarg; break;
        case 'y':
        case 't':
        case 'j':
        case OPT_LANG:
        case OPT_FONT:
        case OPT_ENCODING:
        case OPT_AS_OF:
        case OPT_ITEM_CORRELATION:
            if (parse_valued(c, optarg, opt) != CLI_RUN)
                return CLI_EXIT_USAGE;
            break;
        case OPT_MODEL: free(opt->model_path); opt->model_path = xstrdup(optarg); break;
        case OPT_DISTRICTS: free(opt->districts_path); opt->districts_path = xstrdup(optarg); break;
        case OPT_MEASURES: free(opt->measures_path); opt->measures_path = xstrdup(optarg); break;
        case OPT_OFFICE: opt->offices = optarg; break;
        case OPT_NO_OFFICE: opt->no_office_books = true; break;
        case OPT_NO_CITY: opt->no_city_book = true; break;
        case OPT_SINGLE: opt->single_workbook = true; break;
        case OPT_THAI_DIGITS: opt->thai_digits = true; break;
        case OPT_PDF: opt->pdf = true; break;
        case OPT_PROTECT: opt->protect = true; break;
        case OPT_FORCE: opt->force = true; break;
        case OPT_STRICT: opt->strict = true; break;
        case OPT_SKIP_INCOMPLETE: opt->skip_incomplete = true; break;
        case OPT_SEED:
        case OPT_REPLICATES:
            if (parse_simulation(c == OPT_SEED, optarg, opt) != CLI_RUN)
                return CLI_EXIT_USAGE;
            break;
        case 'q': opt->verbosity = -1; break;
        case 'v': opt->verbosity = 1; break;
        case 'h': fputs(usage_text, stdout); return CLI_EXIT_OK;
        case OPT_VERSION: puts("itabench " ITABENCH_VERSION); return CLI_EXIT_OK;
        case OPT_CHECK_MODEL: opt->check_model = optarg; break;
        case ':': return usage_error("option %s needs a value", argv[optind - 1]);
        default: return unknown_option(argv[optind - 1]);
        }
    }
    opt->inputs = argv + optind;
    opt->n_inputs = (size_t)(argc - optind);
    if (opt->n_inputs == 0 && !opt->check_model)
        return usage_error("no input given%s", "");
    if (opt->thai_digits && opt->lang != LANG_TH)
        return usage_error("--thai-digits: Thai digits are for Thai workbooks "
                           "(--lang th)%s", "");
    /* an empty name is no file: said as such, not as a failure to write */
    const char *const named[][2] = {
        {"-o", opt->out_dir},
        {"--model", opt->model_path},
        {"--districts", opt->districts_path},
        {"--measures", opt->measures_path}};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (named[i][1] && !*named[i][1])
            return usage_error("%s \"\": the name of a file or folder is "
                               "empty",
                               named[i][0]);
    for (size_t i = 0; i < opt->n_inputs; i++)
        if (!*opt->inputs[i])
            return usage_error("an input \"%s\" is empty: name a file or "
                               "folder",
                               "");
    if (!opt->districts_path)
        opt->districts_path = cli_reference_path("bangkok_districts.csv");
    if (!opt->measures_path)
        opt->measures_path = cli_reference_path("measures.csv");
    return CLI_RUN;
}

void cli_free(cli_options *opt)
{
    free(opt->model_path);
    free(opt->districts_path);
    free(opt->measures_path);
}

char *cli_reference_path(const char *name)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        const char *dir = dirname(exe);
        /* build/itabench, build/<variant>/itabench, PREFIX/bin/itabench */
        static const char *const beside[] = {"../inputs/reference",
                                             "../../inputs/reference",
                                             "../share/itabench/reference"};
        for (size_t i = 0; i < sizeof beside / sizeof *beside; i++) {
            char *path = xasprintf("%s/%s/%s", dir, beside[i], name);
            /* canonical, so that messages and the Method sheet show
             * ".../inputs/reference/x.csv", not ".../build/../inputs/..." */
            char *canonical = access(path, R_OK) == 0 ? realpath(path, NULL)
                                                      : NULL;
            free(path);
            if (canonical)
                return canonical;
        }
    }
    return xasprintf("%s/%s", ITABENCH_DATADIR, name);
}
