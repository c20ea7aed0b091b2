# GUI screenshot under Xvfb: imaplab renders step 6 of the lecture lesson into a PNG, then
# imaplab_png_check makes sure it is a real render (1280x800, many colours, not one flat fill).
# Run them alone with: ctest -L gui
if(NOT TARGET imaplab)
  return()  # configured with -DIMAPLAB_BUILD_GUI=OFF
endif()

set(IMAPLAB_GUI_PNG ${CMAKE_BINARY_DIR}/gui_step6.png)
find_program(XVFB_RUN xvfb-run)

if(XVFB_RUN)
  add_test(NAME gui_screenshot
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24"
                   $<TARGET_FILE:imaplab> --lesson lessons/16-lecture-cyrus-session.json --step 6 --lang en
                   --screenshot ${IMAPLAB_GUI_PNG}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
else()
  # Fail the test, loudly, instead of silently skipping the GUI.
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/xvfb_missing.cmake
       "message(FATAL_ERROR \"xvfb-run not found: install the Debian packages xvfb and xauth to run the GUI test\")\n")
  add_test(NAME gui_screenshot COMMAND ${CMAKE_COMMAND} -P ${CMAKE_CURRENT_BINARY_DIR}/xvfb_missing.cmake)
  message(WARNING "xvfb-run not found: the gui_screenshot test will fail (apt-get install xvfb xauth)")
endif()
set_tests_properties(gui_screenshot PROPERTIES LABELS gui TIMEOUT 120 FIXTURES_SETUP gui_png)
if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
  # Under Xvfb, Mesa's llvmpipe driver allocates at load time and is dlclose()d before LeakSanitizer
  # reports, so its leaks come as "<unknown module>" frames that no suppression can name. The GUI
  # test keeps AddressSanitizer's and UBSan's memory checks but not leak detection; the code the
  # window draws (the simulator library) is leak-checked by the unit tests.
  set_tests_properties(gui_screenshot PROPERTIES
                       ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:strict_string_checks=1:detect_stack_use_after_return=1")
endif()

add_test(NAME gui_screenshot_is_a_render
         COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_GUI_PNG} 1280 800)
set_tests_properties(gui_screenshot_is_a_render PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_png)

# `imaplab --serve` under Xvfb: the window runs the server in-process on a free loopback port,
# a scripted demo client (LOGIN with a literal, SELECT, FETCH) connects over a socket pair, and the
# screenshot is taken once its FETCH completed: Network panel, live protocol log and state diagram.
set(IMAPLAB_SERVE_PNG ${CMAKE_BINARY_DIR}/gui_serve.png)
if(XVFB_RUN)
  add_test(NAME gui_serve_screenshot
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24"
                   $<TARGET_FILE:imaplab> --serve --listen 127.0.0.1:0 --no-tls --classroom --password pw
                   --fixture tests/net/data/fixture.json --demo-client --lang en --screenshot ${IMAPLAB_SERVE_PNG}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(gui_serve_screenshot PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_serve_png)
  if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
    set_tests_properties(gui_serve_screenshot PROPERTIES
                         ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:strict_string_checks=1:detect_stack_use_after_return=1")
  endif()
  add_test(NAME gui_serve_screenshot_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_SERVE_PNG} 1280 800)
  set_tests_properties(gui_serve_screenshot_is_a_render PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_serve_png)
endif()
