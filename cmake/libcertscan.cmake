# libcertscan: the scanner core as a shared and a static library, with include/certscan.h and
# certscan.pc, installed by `cmake --install` together with the CLI and its man page.
include(GNUInstallDirs)

set(CS_LIB_DEPS OpenSSL::Crypto ZLIB::ZLIB PkgConfig::XXHASH PkgConfig::JANSSON PkgConfig::CBOR
                Threads::Threads m)

add_library(certscan_shared SHARED $<TARGET_OBJECTS:cscore>)
set_target_properties(certscan_shared PROPERTIES OUTPUT_NAME certscan VERSION ${PROJECT_VERSION}
                                                 SOVERSION ${PROJECT_VERSION_MAJOR})
target_link_libraries(certscan_shared PRIVATE ${CS_LIB_DEPS})
# nodelete: per-thread caches are freed by thread-exit destructors that live in the library, so
# it must stay mapped after dlclose. no-undefined: every dependency is declared.
target_link_options(certscan_shared PRIVATE -Wl,-z,nodelete -Wl,--no-undefined
                    -Wl,--version-script=${PROJECT_SOURCE_DIR}/cmake/libcertscan.map)
set_target_properties(certscan_shared PROPERTIES LINK_DEPENDS ${PROJECT_SOURCE_DIR}/cmake/libcertscan.map)

# The static library is one relocatable object: rules register through a linker section and
# nothing names them, so as separate archive members they would be left out of a program that
# links the archive. Merged, the object comes in whole with cs_lib_open; hidden symbols are made
# local, so only the API can clash with the program's names.
set(CS_MERGED ${CMAKE_CURRENT_BINARY_DIR}/libcertscan-merged.o)
set(CS_MERGE_FLAGS)
if(CMAKE_INTERPROCEDURAL_OPTIMIZATION)
  list(APPEND CS_MERGE_FLAGS ${CMAKE_C_COMPILE_OPTIONS_IPO} -O2)
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    list(APPEND CS_MERGE_FLAGS -flinker-output=nolto-rel)
  endif()
endif()
if(CS_SANITIZE)
  list(APPEND CS_MERGE_FLAGS -fsanitize=address,undefined)
endif()
if(CS_TSAN)
  list(APPEND CS_MERGE_FLAGS -fsanitize=thread)
endif()
add_custom_command(
  OUTPUT ${CS_MERGED}
  COMMAND ${CMAKE_C_COMPILER} ${CS_MERGE_FLAGS} -r -nostdlib -o ${CS_MERGED}.tmp
          $<TARGET_OBJECTS:cscore>
  COMMAND ${CMAKE_OBJCOPY} --localize-hidden ${CS_MERGED}.tmp ${CS_MERGED}
  DEPENDS $<TARGET_OBJECTS:cscore>
  COMMAND_EXPAND_LISTS
  COMMENT "Merging the scanner objects for libcertscan.a")
set_source_files_properties(${CS_MERGED} PROPERTIES EXTERNAL_OBJECT ON GENERATED ON)
add_library(certscan_static STATIC ${CS_MERGED})
set_target_properties(certscan_static PROPERTIES OUTPUT_NAME certscan LINKER_LANGUAGE C)

file(RELATIVE_PATH CS_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" CS_PC_TO_PREFIX "${CS_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/certscan.pc.in ${CMAKE_CURRENT_BINARY_DIR}/certscan.pc
               @ONLY)

install(TARGETS certscan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS certscan_shared certscan_static
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/certscan.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/certscan.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES ${PROJECT_SOURCE_DIR}/docs/certscan.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
