# Warnings for accord's own targets; third-party headers are SYSTEM includes.
#
# g++ 12 warns of an overlapping copy inside std::string's operator+ once it
# is inlined at -O2 and above (GCC bug 105329, fixed in g++ 13): a false
# positive in the library's code, reported where accord's code calls it.
# Link options too: with LTO the warning comes when the program is linked.
set(accord_gcc12_no_restrict
    "$<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>")

function(accord_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic ${accord_gcc12_no_restrict}
                                           $<$<BOOL:${ACCORD_WERROR}>:-Werror>)
  target_link_options(${target} PRIVATE ${accord_gcc12_no_restrict})
endfunction()
