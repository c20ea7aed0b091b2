# GUI screenshot under Xvfb: imaplab renders step 6 of the lecture lesson into a PNG, then
# imaplab_png_check makes sure it is a real render (1280x800, many colours, not one flat fill).
# Run them alone with: ctest -L gui

# The window's models that need no window (gui/script, gui/prefs) are unit-tested in imaplab_tests
# (tests/test_gui_*.cpp), with or without the GUI build.
if(TARGET imaplab_tests)
  target_sources(imaplab_tests PRIVATE ${PROJECT_SOURCE_DIR}/gui/script.cpp ${PROJECT_SOURCE_DIR}/gui/prefs.cpp)
  target_include_directories(imaplab_tests PRIVATE ${PROJECT_SOURCE_DIR})
endif()

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

# The line explainer and the exercise panel (issue 5), on the lecture lesson, in Russian so the
# screenshots show Cyrillic. docs/images/ keeps copies of these screenshots.
set(IMAPLAB_EXPLAIN_PNG ${CMAKE_BINARY_DIR}/gui_explain.png)
set(IMAPLAB_EXERCISE_PNG ${CMAKE_BINARY_DIR}/gui_exercise.png)
set(IMAPLAB_GUI_XDG ${CMAKE_BINARY_DIR}/gui_xdg)  # progress of the exercise test: never the user's own
# A line that is not in the log is refused before any window opens.
add_test(NAME gui_explain_line_out_of_range
         COMMAND $<TARGET_FILE:imaplab> --lesson lessons/16-lecture-cyrus-session.json --step 3 --explain-line 999 --no-progress
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_explain_line_out_of_range PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "--explain-line: there is no protocol line 999 at step 3 \\(lines 1\\.\\.[0-9]+\\)")
# --exercise-try on a step that is not an exercise: refused, exit 2.
add_test(NAME gui_exercise_try_not_an_exercise
         COMMAND $<TARGET_FILE:imaplab> --lesson lessons/16-lecture-cyrus-session.json --step 3 --exercise-try "a NOOP" --no-progress
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_exercise_try_not_an_exercise PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "--exercise-try: .*16-lecture-cyrus-session.json: step 3 is not an exercise")

if(XVFB_RUN)
  # Step 3 (SELECT INBOX), the tagged OK with its response code selected: the explainer lists
  # tag, status, [READ-WRITE] and the text with their meanings and RFC sections.
  add_test(NAME gui_explain_screenshot
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24"
                   $<TARGET_FILE:imaplab> --lesson lessons/16-lecture-cyrus-session.json --step 3 --lang ru
                   --explain-line 17 --no-progress --screenshot ${IMAPLAB_EXPLAIN_PNG}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(gui_explain_screenshot PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_explain_png)
  add_test(NAME gui_explain_screenshot_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_EXPLAIN_PNG} 1280 800)
  set_tests_properties(gui_explain_screenshot_is_a_render PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_explain_png)

  # Step 9, the exercise on client 2: a first wrong attempt through imaplab-cli, then the window
  # grades a second one (FETCH before LOGIN) into the same progress file ($XDG_DATA_HOME, a
  # directory of the build): goals ✗, the feedback, and the hint that comes with the second try.
  add_test(NAME gui_exercise_screenshot
           COMMAND sh -c "rm -rf \"$2\" && \"$0\" exercise lessons/16-lecture-cyrus-session.json 9 'a FETCH 3 BODY.PEEK[]' --progress \"$2/imaplab/progress.json\" --color never >/dev/null; [ $? -eq 1 ] && XDG_DATA_HOME=\"$2\" \"$1\" -a -s '-screen 0 1280x800x24' \"$3\" --lesson lessons/16-lecture-cyrus-session.json --step 9 --lang ru --exercise-try 'a FETCH 3 BODY.PEEK[]' --screenshot \"$4\""
                   $<TARGET_FILE:imaplab-cli> ${XVFB_RUN} ${IMAPLAB_GUI_XDG} $<TARGET_FILE:imaplab> ${IMAPLAB_EXERCISE_PNG}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(gui_exercise_screenshot PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_exercise_png)
  add_test(NAME gui_exercise_screenshot_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_EXERCISE_PNG} 1280 800)
  # The window recorded its attempt in the file the terminal wrote: two attempts, not passed.
  add_test(NAME gui_exercise_progress_recorded
           COMMAND python3 -c "import json,sys; d = json.load(open(sys.argv[1])); e = d['lessons']['16-lecture-cyrus-session']['9']; sys.exit(0 if e == {'attempts': 2, 'passed': False} else 'progress: %r' % e)"
                   ${IMAPLAB_GUI_XDG}/imaplab/progress.json)
  set_tests_properties(gui_exercise_screenshot_is_a_render gui_exercise_progress_recorded PROPERTIES
                       LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_exercise_png)
  if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
    set_tests_properties(gui_explain_screenshot gui_exercise_screenshot PROPERTIES
                         ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:strict_string_checks=1:detect_stack_use_after_return=1")
  endif()
endif()

# The message inspector (issue 6): lesson 7 at step 3 (FETCH 2 BODYSTRUCTURE), --inspect 2 opens
# the multipart message UID 2 as a click on its row would: the MIME tree with part numbers 1, 1.1,
# 1.2, 2 and part 1.1's decoded text, in Russian so the screenshot shows Cyrillic.
set(IMAPLAB_INSPECTOR_PNG ${CMAKE_BINARY_DIR}/gui_inspector.png)
# A UID that is not in the listed mailbox is refused before any window opens.
add_test(NAME gui_inspect_unknown_uid
         COMMAND $<TARGET_FILE:imaplab> --lesson lessons/07-reading-a-message.json --step 3 --inspect 99 --no-progress
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_inspect_unknown_uid PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "--inspect: there is no message with UID 99 in INBOX at step 3 \\(UIDs: 1 2 3\\)")
if(XVFB_RUN)
  add_test(NAME gui_inspector_screenshot
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24"
                   $<TARGET_FILE:imaplab> --lesson lessons/07-reading-a-message.json --step 3 --lang ru --inspect 2
                   --no-progress --screenshot ${IMAPLAB_INSPECTOR_PNG}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(gui_inspector_screenshot PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_inspector_png)
  if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
    set_tests_properties(gui_inspector_screenshot PROPERTIES
                         ENVIRONMENT "ASAN_OPTIONS=detect_leaks=0:strict_string_checks=1:detect_stack_use_after_return=1")
  endif()
  add_test(NAME gui_inspector_screenshot_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_INSPECTOR_PNG} 1280 800)
  set_tests_properties(gui_inspector_screenshot_is_a_render PROPERTIES LABELS gui TIMEOUT 30
                       FIXTURES_REQUIRED gui_inspector_png)
endif()

# Window infrastructure (issue 6): scripts, pcap export, presenter mode, the frame benchmark.
# A script with an unknown verb is refused, with FILE:LINE, before any window opens.
add_test(NAME gui_script_bad_verb
         COMMAND $<TARGET_FILE:imaplab> --lesson lessons/16-lecture-cyrus-session.json --script tests/data/gui/bad_verb.script
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_script_bad_verb PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "--script: tests/data/gui/bad_verb.script:4: unknown verb 'fly' \\(known: step, back, ")
add_test(NAME gui_panels_unknown
         COMMAND $<TARGET_FILE:imaplab> --lesson lessons/16-lecture-cyrus-session.json --presenter --panels log,chart
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_panels_unknown PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "--panels: unknown panel 'chart' \\(panels: state, lesson, log, explain, mailboxes\\)")

if(XVFB_RUN)
  set(IMAPLAB_GUI_SCRIPT_DIR ${CMAKE_BINARY_DIR}/gui_script)
  set(IMAPLAB_GUI_ASAN "ASAN_OPTIONS=detect_leaks=0:strict_string_checks=1:detect_stack_use_after_return=1")
  # One script, two screenshots (paths relative to the current directory).
  add_test(NAME gui_script_screenshots
           COMMAND sh -c "rm -rf \"$3\" && mkdir -p \"$3\" && cd \"$3\" && \"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --lesson \"$2/lessons/16-lecture-cyrus-session.json\" --lang en --script \"$2/tests/data/gui/two_screenshots.script\""
                   ${XVFB_RUN} $<TARGET_FILE:imaplab> ${PROJECT_SOURCE_DIR} ${IMAPLAB_GUI_SCRIPT_DIR})
  set_tests_properties(gui_script_screenshots PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_script_png)
  add_test(NAME gui_script_screenshot_a_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_GUI_SCRIPT_DIR}/gui_script_a.png 1280 800)
  add_test(NAME gui_script_screenshot_b_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_GUI_SCRIPT_DIR}/gui_script_b.png 1280 800)
  set_tests_properties(gui_script_screenshot_a_is_a_render gui_script_screenshot_b_is_a_render PROPERTIES
                       LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_script_png)
  # The inspector's script verbs (inspect UID, inspect-part PART).
  add_test(NAME gui_inspector_script
           COMMAND sh -c "mkdir -p \"$3\" && cd \"$3\" && \"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --lesson \"$2/lessons/07-reading-a-message.json\" --lang en --no-progress --script \"$2/tests/data/gui/inspector.script\""
                   ${XVFB_RUN} $<TARGET_FILE:imaplab> ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/gui_inspector_script)
  set_tests_properties(gui_inspector_script PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_inspector_script_png)
  add_test(NAME gui_inspector_script_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${CMAKE_BINARY_DIR}/gui_inspector_script/gui_inspector_script.png 1280 800)
  set_tests_properties(gui_inspector_script_is_a_render PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_inspector_script_png)

  # The window's pcap export is byte-identical to imaplab-cli export-pcap's for the same session,
  # and tshark decodes it as IMAP (tests/data/gui/window_pcap.sh).
  add_test(NAME gui_export_pcap_matches_cli
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/data/gui/window_pcap.sh ${XVFB_RUN} $<TARGET_FILE:imaplab>
                   $<TARGET_FILE:imaplab-cli> ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/gui_pcap_cmp)
  add_test(NAME gui_export_pcap_tshark
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/data/gui/window_pcap.sh ${XVFB_RUN} $<TARGET_FILE:imaplab>
                   $<TARGET_FILE:imaplab-cli> ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/gui_pcap_tshark tshark)
  set_tests_properties(gui_export_pcap_matches_cli gui_export_pcap_tshark PROPERTIES LABELS gui TIMEOUT 60 SKIP_RETURN_CODE 77)
  # The same from serve mode's Network panel: the demo client's connection.
  add_test(NAME gui_export_pcap_serve
           COMMAND sh -c "rm -rf \"$4\" && mkdir -p \"$4\" && cd \"$4\" && \"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --serve --listen 127.0.0.1:0 --no-tls --classroom --password pw --fixture \"$3/tests/net/data/fixture.json\" --demo-client --script \"$3/tests/data/gui/serve_export.script\" >/dev/null && grep -q '^C: a1 LOGIN demo' serve.txt && \"$2\" export-pcap serve.txt cli.pcap >/dev/null && cmp serve.pcap cli.pcap"
                   ${XVFB_RUN} $<TARGET_FILE:imaplab> $<TARGET_FILE:imaplab-cli> ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/gui_pcap_serve)
  set_tests_properties(gui_export_pcap_serve PROPERTIES LABELS gui TIMEOUT 60)

  # Presenter mode: three panels, high contrast, large text, reached and stepped with keys (F5,
  # PageDown, PageUp, Space): the session shown is then step 3's (its SELECT, not step 4's FETCH).
  add_test(NAME gui_presenter_screenshot
           COMMAND sh -c "cd \"$3\" && \"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --lesson \"$2/lessons/16-lecture-cyrus-session.json\" --lang ru --panels lesson,log,state --script \"$2/tests/data/gui/presenter.script\""
                   ${XVFB_RUN} $<TARGET_FILE:imaplab> ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  set_tests_properties(gui_presenter_screenshot PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_SETUP gui_presenter_png)
  add_test(NAME gui_presenter_screenshot_is_a_render
           COMMAND $<TARGET_FILE:imaplab_png_check> ${CMAKE_BINARY_DIR}/gui_presenter.png 1280 800)
  add_test(NAME gui_presenter_keys
           COMMAND sh -c "grep -q '^C: A0003 SELECT INBOX$' \"$0\" && ! grep -q '^C: A0004' \"$0\""
                   ${CMAKE_BINARY_DIR}/gui_presenter_session.txt)
  set_tests_properties(gui_presenter_screenshot_is_a_render gui_presenter_keys PROPERTIES LABELS gui TIMEOUT 30
                       FIXTURES_REQUIRED gui_presenter_png)

  # The frame benchmark with small numbers: only the format of its last line is checked (no timed
  # tests; the numbers are in docs/BENCHMARKS.md).
  add_test(NAME gui_bench_frames_format
           COMMAND sh -c "out=$(\"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --bench-frames 5 --messages 1000) || exit 1; echo \"$out\"; echo \"$out\" | grep -q '^setup: [0-9.]* ms (1000 messages, [0-9]* protocol lines)$' && echo \"$out\" | tail -n 1 | grep -Eq '^ms/frame: [0-9]+\\.[0-9]{2}$'"
                   ${XVFB_RUN} $<TARGET_FILE:imaplab>)
  set_tests_properties(gui_bench_frames_format PROPERTIES LABELS gui TIMEOUT 60)

  if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
    set_tests_properties(gui_script_screenshots gui_inspector_script gui_export_pcap_matches_cli gui_export_pcap_tshark gui_export_pcap_serve gui_presenter_screenshot
                         gui_bench_frames_format PROPERTIES ENVIRONMENT "${IMAPLAB_GUI_ASAN}")
  endif()
endif()

# The playground window (issue 6, `imaplab --playground`): one scripted screenshot per feature
# (tests/data/gui/playground_*.script), each checked to be a real render; the exported lesson
# skeleton opens with imaplab-cli check/play and passes; the window's pcap equals imaplab-cli
# export-pcap's of the exported transcript. A script line that names a missing client fails.
add_test(NAME gui_playground_script_bad_step
         COMMAND $<TARGET_FILE:imaplab> --playground --script tests/data/gui/playground_bad.script
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_playground_script_bad_step PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "--script: tests/data/gui/playground_bad.script:3: scrub K: 'two' is not a number")
if(XVFB_RUN)
  set(IMAPLAB_PG_DIR ${CMAKE_BINARY_DIR}/gui_playground)
  add_test(NAME gui_playground_dir COMMAND ${CMAKE_COMMAND} -E make_directory ${IMAPLAB_PG_DIR})
  set_tests_properties(gui_playground_dir PROPERTIES LABELS gui FIXTURES_SETUP gui_playground_dir)
  set(IMAPLAB_PG_TESTS)
  # name, language, then the PNGs the script writes.
  foreach(spec "clients;en;playground_clients" "console;en;playground_console;playground_console_literal"
               "timeline;en;playground_timeline" "seq_uid;en;playground_seq_uid" "in_flight;en;playground_pipeline_queue;playground_in_flight"
               "versions;ru;playground_versions" "pending;en;playground_pending" "presenter;ru;playground_presenter" "export;en;playground_export" "clients_ru;ru;playground_clients_ru"
               "inspector;en;playground_inspector")
    list(GET spec 0 name)
    list(GET spec 1 lang)
    list(SUBLIST spec 2 -1 pngs)
    add_test(NAME gui_playground_${name}
             COMMAND sh -c "cd \"$3\" && \"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --playground --lang $4 --script \"$2/tests/data/gui/playground_$5.script\""
                     ${XVFB_RUN} $<TARGET_FILE:imaplab> ${PROJECT_SOURCE_DIR} ${IMAPLAB_PG_DIR} ${lang} ${name})
    set_tests_properties(gui_playground_${name} PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_REQUIRED gui_playground_dir
                         FIXTURES_SETUP gui_playground_${name})
    list(APPEND IMAPLAB_PG_TESTS gui_playground_${name})
    foreach(png ${pngs})
      add_test(NAME gui_${png}_is_a_render COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_PG_DIR}/${png}.png 1280 800)
      set_tests_properties(gui_${png}_is_a_render PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_playground_${name})
    endforeach()
  endforeach()
  # The lesson skeleton the export script wrote opens as a lesson and its expectations pass.
  add_test(NAME gui_playground_lesson_checks
           COMMAND $<TARGET_FILE:imaplab-cli> check ${IMAPLAB_PG_DIR}/playground-lesson.json)
  set_tests_properties(gui_playground_lesson_checks PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_playground_export
                       PASS_REGULAR_EXPRESSION "playground-lesson.json: all 8 expectations met")
  add_test(NAME gui_playground_lesson_plays
           COMMAND sh -c "\"$0\" play \"$1\" | grep -qx 'S2: \\* 4 EXPUNGE'" $<TARGET_FILE:imaplab-cli> ${IMAPLAB_PG_DIR}/playground-lesson.json)
  set_tests_properties(gui_playground_lesson_plays PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_playground_export)
  # The window's pcap is byte-identical to imaplab-cli export-pcap's of the window's transcript.
  add_test(NAME gui_playground_pcap_matches_cli
           COMMAND sh -c "cd \"$1\" && \"$0\" export-pcap playground-client1.txt cli-client1.pcap >/dev/null && cmp cli-client1.pcap playground-client1.pcap && grep -qx 'S: \\* 4 EXPUNGE' playground-client1.txt"
                   $<TARGET_FILE:imaplab-cli> ${IMAPLAB_PG_DIR})
  set_tests_properties(gui_playground_pcap_matches_cli PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_playground_export)
  if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
    set_tests_properties(${IMAPLAB_PG_TESTS} PROPERTIES ENVIRONMENT "${IMAPLAB_GUI_ASAN}")
  endif()
endif()
if(XVFB_RUN)
  # Removing a client closes its column: a later send to it is refused with the script's line.
  add_test(NAME gui_playground_removed_client
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" $<TARGET_FILE:imaplab> --playground --script tests/data/gui/playground_removed_client.script
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(gui_playground_removed_client PROPERTIES LABELS gui TIMEOUT 60 WILL_FAIL FALSE
                       PASS_REGULAR_EXPRESSION "playground_removed_client.script:4: send: there is no client 2 at step 2")
  # The message inspector: a UID the watched client's mailbox does not have is refused, naming those it has.
  add_test(NAME gui_playground_inspect_missing
           COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" $<TARGET_FILE:imaplab> --playground --script tests/data/gui/playground_inspect_missing.script
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(gui_playground_inspect_missing PROPERTIES LABELS gui TIMEOUT 60
                       PASS_REGULAR_EXPRESSION "playground_inspect_missing.script:4: inspect UID: client 1 has no message with UID 9 in INBOX at step 2 \\(UIDs: 1 2 3 4 5 6\\)")
endif()
# --fixture: a lesson's store in the playground (a lesson file is a fixture file too); a missing
# file is refused before any window opens.
add_test(NAME gui_playground_fixture_missing
         COMMAND $<TARGET_FILE:imaplab> --playground --fixture tests/data/gui/no-such-fixture.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(gui_playground_fixture_missing PROPERTIES LABELS gui TIMEOUT 30
                     PASS_REGULAR_EXPRESSION "imaplab: --fixture: tests/data/gui/no-such-fixture.json")
if(XVFB_RUN)
  add_test(NAME gui_playground_fixture
           COMMAND sh -c "cd \"$3\" && \"$0\" -a -s '-screen 0 1280x800x24' \"$1\" --playground --lang ru --fixture \"$2/lessons/04-folders.json\" --script \"$2/tests/data/gui/playground_fixture.script\""
                   ${XVFB_RUN} $<TARGET_FILE:imaplab> ${PROJECT_SOURCE_DIR} ${IMAPLAB_PG_DIR})
  set_tests_properties(gui_playground_fixture PROPERTIES LABELS gui TIMEOUT 60 FIXTURES_REQUIRED gui_playground_dir
                       FIXTURES_SETUP gui_playground_fixture)
  add_test(NAME gui_playground_fixture_is_a_render COMMAND $<TARGET_FILE:imaplab_png_check> ${IMAPLAB_PG_DIR}/playground_fixture.png 1280 800)
  set_tests_properties(gui_playground_fixture_is_a_render PROPERTIES LABELS gui TIMEOUT 30 FIXTURES_REQUIRED gui_playground_fixture)
  if(IMAPLAB_SANITIZE OR IMAPLAB_FUZZ)
    set_tests_properties(gui_playground_fixture gui_playground_removed_client PROPERTIES ENVIRONMENT "${IMAPLAB_GUI_ASAN}")
  endif()
endif()
