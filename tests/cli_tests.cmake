# Whole-program tests of the terminal player (imaplab-cli), label "cli". Included from
# tests/CMakeLists.txt; run from the repository root. Output checks use
# tests/data/cli/expect_lines.sh (ordered line expectations, see its header).
if(NOT TARGET imaplab-cli)
  return()
endif()

set(_cli $<TARGET_FILE:imaplab-cli>)
set(_cli_data ${PROJECT_SOURCE_DIR}/tests/data/cli)
set(_expect_lines ${_cli_data}/expect_lines.sh)

# Every lesson plays and meets all its expectations.
file(GLOB _cli_lessons CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/lessons/*.json)
list(SORT _cli_lessons)
foreach(_lesson IN LISTS _cli_lessons)
  get_filename_component(_name ${_lesson} NAME_WE)
  add_test(NAME cli.play_check.${_name}
           COMMAND ${_cli} play ${_lesson} --check --color never --lang en --width 80
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME cli.play_check_ru.${_name}
           COMMAND ${_cli} play ${_lesson} --check --color never --lang ru --width 80
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.play_check.${_name} cli.play_check_ru.${_name} PROPERTIES LABELS cli TIMEOUT 120)
endforeach()

if(_cli_lessons)
  # "check" takes several lessons at once (what CI would call).
  add_test(NAME cli.check_all COMMAND ${_cli} check ${_cli_lessons} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.check_all PROPERTIES LABELS cli TIMEOUT 300)
endif()

# The lecture's session: the protocol lines, state transitions, flag changes and expunges the
# player prints, in order (tests/data/cli/lecture_expected.txt).
if(EXISTS ${PROJECT_SOURCE_DIR}/lessons/16-lecture-cyrus-session.json)
  add_test(NAME cli.play_output.lecture
           COMMAND ${_expect_lines} ${_cli_data}/lecture_expected.txt 0
                   ${_cli} play lessons/16-lecture-cyrus-session.json --no-pause --color never --lang en --width 80
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  # Colour on demand: a tagged OK is green, a client line bold.
  add_test(NAME cli.play_output.lecture_color
           COMMAND ${_expect_lines} ${_cli_data}/lecture_color_expected.txt 0
                   ${_cli} play lessons/16-lecture-cyrus-session.json --no-pause --color always --lang en
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.play_output.lecture cli.play_output.lecture_color PROPERTIES LABELS cli TIMEOUT 120)
endif()

# A lesson whose expectations fail: play --check prints every step, then
# "step N: expected ..., but ..." per failure, and exits 1; check does the same without the steps;
# plain play (no --check) still exits 0.
add_test(NAME cli.failing_expectation.play_check
         COMMAND ${_expect_lines} ${_cli_data}/failing_expected.txt 1
                 ${_cli} play tests/data/cli/failing_expectation.json --check --color never --lang en --width 80
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.failing_expectation.check_subcommand
         COMMAND ${_expect_lines} ${_cli_data}/failing_check_expected.txt 1
                 ${_cli} check tests/data/cli/failing_expectation.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.failing_expectation.play_no_check
         COMMAND ${_cli} play tests/data/cli/failing_expectation.json --no-pause --color never
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.failing_expectation.play_check cli.failing_expectation.check_subcommand
                     cli.failing_expectation.play_no_check PROPERTIES LABELS cli TIMEOUT 60)

# trace prints the timeline as JSON (one event per line of the index).
add_test(NAME cli.trace_json
         COMMAND ${_expect_lines} ${_cli_data}/trace_expected.txt 0
                 ${_cli} trace tests/data/cli/failing_expectation.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.trace_json PROPERTIES LABELS cli TIMEOUT 60)

# A lesson with a bad field is refused: non-zero exit, and the message names the file, the line
# and the JSON path of the field. Same for a JSON syntax error (file and line).
add_test(NAME cli.broken_lesson.bad_field
         COMMAND ${_expect_lines} ${_cli_data}/broken_expected.txt 2
                 ${_cli} play tests/data/cli/broken.json --check --color never
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.broken_lesson.syntax
         COMMAND ${_expect_lines} ${_cli_data}/broken_syntax_expected.txt 2
                 ${_cli} play tests/data/cli/broken_syntax.json --check --color never
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.broken_lesson.check_subcommand
         COMMAND ${_expect_lines} ${_cli_data}/broken_expected.txt nonzero
                 ${_cli} check tests/data/cli/broken.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.missing_lesson
         COMMAND ${_expect_lines} ${_cli_data}/missing_expected.txt 2
                 ${_cli} play tests/data/cli/no-such-lesson.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.broken_lesson.bad_field cli.broken_lesson.syntax cli.broken_lesson.check_subcommand
                     cli.missing_lesson PROPERTIES LABELS cli TIMEOUT 60)

# Bad arguments are refused with a usage message.
add_test(NAME cli.bad_arguments COMMAND ${_cli} play lessons/16-lecture-cyrus-session.json --color sometimes
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.bad_arguments PROPERTIES LABELS cli WILL_FAIL TRUE TIMEOUT 60)

# The line explainer prints each token with its meaning and RFC section (lessons/explain/explain.json).
add_test(NAME cli.explain
         COMMAND ${_expect_lines} ${_cli_data}/explain.expect 0
                 ${_cli} explain --lang en "A0003 SELECT INBOX" "* 3 EXISTS"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.explain_ru
         COMMAND ${_expect_lines} ${_cli_data}/explain_ru.expect 0
                 ${_cli} explain --lang ru "a1 UID STORE 7 +FLAGS (\\Seen)"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.explain_bad_data
         COMMAND ${_expect_lines} ${_cli_data}/explain_bad_data.expect 2
                 ${_cli} explain --data tests/data/cli/broken_explain.json "a NOOP"
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.explain cli.explain_ru cli.explain_bad_data PROPERTIES LABELS cli)

# Exercises graded from the command line (lesson/lesson_run.hpp grade_exercise): exit 0 / 1.
add_test(NAME cli.exercise_pass
         COMMAND ${_expect_lines} ${_cli_data}/exercise_pass.expect 0
                 ${_cli} exercise tests/data/cli/exercise_lesson.json 2 "b UID STORE 12 +FLAGS \\Seen" --no-progress --lang en --color never
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.exercise_fail
         COMMAND ${_expect_lines} ${_cli_data}/exercise_fail.expect 1
                 ${_cli} exercise tests/data/cli/exercise_lesson.json 2 "a FETCH 3 BODY.PEEK[]" --no-progress --lang en --color never
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# The second wrong attempt (counted in the progress file) brings the hint.
add_test(NAME cli.exercise_hint_after_two
         COMMAND sh -c "rm -f \"$2\" && \"$0\" exercise tests/data/cli/exercise_lesson.json 3 'w SEARCH FROM alice' --progress \"$2\" --lang ru --color never >/dev/null; \"$1\" \"$3\" 1 \"$0\" exercise tests/data/cli/exercise_lesson.json 3 'w SEARCH FROM alice' --progress \"$2\" --lang ru --color never"
                 ${_cli} ${_expect_lines} ${CMAKE_CURRENT_BINARY_DIR}/progress_hint.json ${_cli_data}/exercise_hint.expect
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.exercise_pass cli.exercise_fail cli.exercise_hint_after_two PROPERTIES LABELS cli)

# replay: the lecture transcript against our server; every difference is explained by lesson 1.
add_test(NAME cli.replay_lecture
         COMMAND ${_expect_lines} ${_cli_data}/replay_lecture.expect 0
                 ${_cli} replay transcripts/lecture-cyrus-session.txt --lang en --color never
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.replay_without_lesson
         COMMAND ${_expect_lines} ${_cli_data}/replay_without_lesson.expect 2
                 ${_cli} replay tests/data/cli/orphan-transcript.txt
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# validate: ok for every lesson and the explainer's data; a broken lesson named with file:line: field.
add_test(NAME cli.validate_lessons
         COMMAND ${_cli} validate ${_cli_lessons} lessons/explain/explain.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.validate_broken
         COMMAND ${_expect_lines} ${_cli_data}/validate_broken.expect 2
                 ${_cli} validate lessons/16-lecture-cyrus-session.json tests/data/lessons/missing_field.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# replay: every seed transcript (transcripts/*.txt) against our server; each difference must be
# explained by the lesson that reproduces it (exit 0 only then, 1 when a difference is unexplained).
file(GLOB _cli_transcripts CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/transcripts/*.txt)
foreach(_transcript IN LISTS _cli_transcripts)
  get_filename_component(_tname ${_transcript} NAME_WE)
  add_test(NAME cli.replay_all.${_tname}
           COMMAND ${_cli} replay ${_transcript} --lang en --color never
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(cli.replay_all.${_tname} PROPERTIES LABELS cli
                       PASS_REGULAR_EXPRESSION "Total: [0-9]+ same, [0-9]+ differ, explained, 0 differ, unexplained")
endforeach()

# A recorded transcript opened as a lesson: its client lines replayed, the recorded statuses expected.
add_test(NAME cli.play_transcript
         COMMAND ${_expect_lines} ${_cli_data}/play_transcript.expect 0
                 ${_cli} play tests/data/cli/recorded-session.txt --no-pause --color never --lang en --width 80 --check
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.replay_lecture cli.replay_without_lesson cli.validate_lessons cli.validate_broken cli.play_transcript
                     PROPERTIES LABELS cli)

# export: an account written as other tools store mail; the target must be new or empty.
add_test(NAME cli.export_maildir_then_mbox
         COMMAND sh -c "rm -rf \"$1/export_md\" \"$1/export_mbox\" && \"$0\" export lessons/16-lecture-cyrus-session.json \"$1/export_md\" --format maildir && \"$0\" export \"$1/export_md\" \"$1/export_mbox\" --format mbox && test -s \"$1/export_mbox/INBOX\" && test -f \"$1/export_md/dovecot-uidlist\""
                 ${_cli} ${CMAKE_CURRENT_BINARY_DIR}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.export_maildir_then_mbox PROPERTIES LABELS cli
                     PASS_REGULAR_EXPRESSION "exported 183 messages of username to .*export_md \\(maildir\\).*exported 183 messages of user to .*export_mbox \\(mbox\\)")
add_test(NAME cli.export_into_non_empty
         COMMAND ${_cli} export lessons/16-lecture-cyrus-session.json lessons --format maildir
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.export_into_non_empty PROPERTIES LABELS cli WILL_FAIL FALSE
                     PASS_REGULAR_EXPRESSION "imaplab-cli export: lessons: is not empty")

# export-pcap: the lecture's session as a capture that Debian's tshark reads back with every
# checksum good and the IMAP lines decoded (tests/pcap_tshark.sh; skipped without tshark), and
# its errors: a broken transcript (file:line) and an output it cannot write.
add_test(NAME cli.export_pcap.tshark
         COMMAND sh ${PROJECT_SOURCE_DIR}/tests/pcap_tshark.sh ${_cli} transcripts/lecture-cyrus-session.txt
                 ${_cli_data}/lecture_pcap_tshark.txt
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.export_pcap.tshark PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME cli.export_pcap.broken_transcript
         COMMAND ${_expect_lines} ${_cli_data}/export_pcap_broken.expect 2
                 ${_cli} export-pcap tests/data/cli/broken-transcript.txt ${CMAKE_CURRENT_BINARY_DIR}/never.pcap
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME cli.export_pcap.unwritable
         COMMAND ${_expect_lines} ${_cli_data}/export_pcap_unwritable.expect 2
                 ${_cli} export-pcap transcripts/lecture-cyrus-session.txt /nonexistent-imaplab-dir/out.pcap
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(cli.export_pcap.tshark cli.export_pcap.broken_transcript cli.export_pcap.unwritable
                     PROPERTIES LABELS cli TIMEOUT 60)
