# Warnings for accord's own targets; third-party headers are SYSTEM includes.
function(accord_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                                           $<$<BOOL:${ACCORD_WERROR}>:-Werror>)
endfunction()
