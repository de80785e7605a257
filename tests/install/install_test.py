#!/usr/bin/python3
"""Installs the built accord into a fresh prefix and uses it as a stranger would.

1. `cmake --install` of the build directory (nothing is rebuilt) into
   WORK/prefix; the headers, both libraries, the command, the rule set, the
   CMake package and accord.pc must be there.
2. The installed `accord check` runs the NPA example with the installed rule set.
3. examples/embed is configured and built as a project of its own with
   find_package(accord CONFIG) against the prefix, then streams the NPA
   example's events; the violations and pending obligations it prints must be
   those of examples/npa/expected-report.json, and violations must show up
   while events are still coming in.
4. A C program is compiled and linked against the shared library with
   nothing but `pkg-config --cflags --libs accord`, and loads the installed
   rule set through the C API (accord.h).
5. When the build has the Python module (ACCORD_BUILD_PYTHON), the installed
   module runs examples/embed/python_example.py, which must print what
   examples/embed printed.

Uses Debian's python3, cmake, ninja, a C compiler and pkg-config:

    /usr/bin/python3 tests/install/install_test.py --build-dir build/test \\
        --source-dir . --work-dir /tmp/accord-install

Exit status 0 when all of it works, 1 otherwise.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time


def run(command, **kwargs):
    """Runs a command; on failure, says what it printed and stops the test."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"install_test.py: {' '.join(command)} exited with {result.returncode}\n"
                 f"{result.stdout}{result.stderr}")
    return result.stdout


def cache_entry(build_dir, name):
    with open(os.path.join(build_dir, "CMakeCache.txt")) as cache:
        found = re.search(rf"^{name}:\w+=(.*)$", cache.read(), re.M)
    return found.group(1) if found else None


def install(build_dir, prefix):
    run(["cmake", "--install", build_dir, "--prefix", prefix])
    libdir = cache_entry(build_dir, "CMAKE_INSTALL_LIBDIR")
    expected = [
        "include/accord/session.hpp",
        "include/accord/accord.h",
        f"{libdir}/libaccord.a",
        f"{libdir}/libaccord.so",
        "bin/accord",
        "share/accord/rules/npa.yaml",
        "share/man/man1/accord.1",
        f"{libdir}/cmake/accord/accordConfig.cmake",
        f"{libdir}/cmake/accord/accordConfigVersion.cmake",
        f"{libdir}/pkgconfig/accord.pc",
    ]
    missing = [path for path in expected if not os.path.exists(os.path.join(prefix, path))]
    if missing:
        sys.exit(f"install_test.py: not installed: {', '.join(missing)}")
    # The public headers must not need anything from the build or source tree.
    for root, _, files in os.walk(os.path.join(prefix, "include")):
        for name in files:
            with open(os.path.join(root, name)) as header:
                for include in re.findall(r'#include [<"]([^>"]+)[>"]', header.read()):
                    if include.startswith("accord") and not os.path.exists(
                            os.path.join(prefix, "include", include)):
                        sys.exit(f"install_test.py: {name} includes {include}, not installed")
    return libdir


def expected_results(source_dir):
    with open(os.path.join(source_dir, "examples/npa/expected-report.json")) as file:
        report = json.load(file)
    violations = sorted((v["rule"], v["trigger"]) for v in report["violations"])
    pending = sorted((p["rule"], p["trigger"]) for p in report["pending"])
    return report, violations, pending


def check_installed_cli(prefix, source_dir, report):
    output = run([os.path.join(prefix, "bin/accord"), "check",
                  "--rules", os.path.join(prefix, "share/accord/rules/npa.yaml"),
                  "--format", "json", "--fail-on", "never",
                  os.path.join(source_dir, "examples/npa/events.jsonl")])
    summary = json.loads(output)["summary"]
    if summary != report["summary"]:
        sys.exit(f"install_test.py: the installed accord says {summary}, "
                 f"expected {report['summary']}")


def check_embed(prefix, source_dir, work_dir, violations, pending):
    build = os.path.join(work_dir, "embed")
    run(["cmake", "-S", os.path.join(source_dir, "examples/embed"), "-B", build,
         "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_PREFIX_PATH={prefix}"])
    run(["cmake", "--build", build])
    with open(os.path.join(source_dir, "examples/npa/events.jsonl")) as events:
        output = run([os.path.join(build, "accord_embed"),
                      os.path.join(prefix, "share/accord/rules/npa.yaml")], stdin=events)
    seen_violations, seen_pending, fed_before = [], [], []
    for line in output.splitlines():
        if match := re.match(r"after (\d+) events: violation of (\S+) \(trigger ([^,)]+)", line):
            fed_before.append(int(match.group(1)))
            seen_violations.append((match.group(2), match.group(3)))
        elif match := re.match(r"pending: (\S+) \(trigger (\S+)\)", line):
            seen_pending.append((match.group(1), match.group(2)))
    if sorted(seen_violations) != violations:
        sys.exit(f"install_test.py: examples/embed found the violations {sorted(seen_violations)}"
                 f", expected {violations}\n{output}")
    if sorted(seen_pending) != pending:
        sys.exit(f"install_test.py: examples/embed found pending {sorted(seen_pending)}"
                 f", expected {pending}\n{output}")
    if not fed_before or min(fed_before) >= 332:
        sys.exit("install_test.py: examples/embed saw no violation before the last event"
                 f"\n{output}")
    return output


# Loads a rule set through the C API and says how many rules it has.
C_PROGRAM = r"""
#include <accord/accord.h>
#include <stdio.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  accord_rule_set* rules = NULL;
  char* message = NULL;
  if (accord_rule_set_load_file(argv[1], NULL, 0, &rules, &message) != ACCORD_OK) {
    fprintf(stderr, "%s", message);
    accord_free(message);
    return 1;
  }
  printf("accord %s: %zu rules\n", accord_version(), accord_rule_set_size(rules));
  accord_rule_set_destroy(rules);
  return 0;
}
"""


def check_pkg_config(prefix, libdir, work_dir, report):
    environment = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, libdir, "pkgconfig"))
    flags = run(["pkg-config", "--cflags", "--libs", "accord"], env=environment).split()
    source = os.path.join(work_dir, "rule_count.c")
    with open(source, "w") as file:
        file.write(C_PROGRAM)
    program = os.path.join(work_dir, "rule_count")
    run(["cc", "-std=c11", "-Wall", "-Werror", source, "-o", program, *flags])
    # The shared library, found where it was installed and nowhere else.
    if "libaccord.so" not in run(["ldd", program], env=dict(
            environment, LD_LIBRARY_PATH=os.path.join(prefix, libdir))):
        sys.exit("install_test.py: the C program is not linked to libaccord.so")
    environment["LD_LIBRARY_PATH"] = os.path.join(prefix, libdir)
    said = run([program, os.path.join(prefix, "share/accord/rules/npa.yaml")],
               env=environment).strip()
    expected = f"accord {report['tool']['version']}: {report['summary']['rules']} rules"
    if said != expected:
        sys.exit(f"install_test.py: the C program said {said!r}, expected {expected!r}")


def check_python(prefix, module_dir, source_dir, embed_output):
    environment = dict(os.environ, PYTHONPATH=os.path.join(prefix, module_dir))
    output = run([sys.executable, os.path.join(source_dir, "examples/embed/python_example.py"),
                  os.path.join(prefix, "share/accord/rules/npa.yaml"),
                  os.path.join(source_dir, "examples/npa/events.jsonl")], env=environment)
    if output != embed_output:
        sys.exit("install_test.py: python_example.py with the installed module printed\n"
                 f"{output}\nbut examples/embed printed\n{embed_output}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()

    shutil.rmtree(args.work_dir, ignore_errors=True)
    os.makedirs(args.work_dir)
    prefix = os.path.join(args.work_dir, "prefix")
    started = time.monotonic()
    libdir = install(args.build_dir, prefix)
    report, violations, pending = expected_results(args.source_dir)
    check_installed_cli(prefix, args.source_dir, report)
    embed_output = check_embed(prefix, args.source_dir, args.work_dir, violations, pending)
    check_pkg_config(prefix, libdir, args.work_dir, report)
    if cache_entry(args.build_dir, "ACCORD_BUILD_PYTHON") == "ON":
        check_python(prefix, cache_entry(args.build_dir, "ACCORD_PYTHON_INSTALL_DIR"),
                     args.source_dir, embed_output)
    print(f"install_test.py: installed, built and ran examples/embed and a C program against "
          f"it, in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
