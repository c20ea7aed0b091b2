# Whole-program tests of `imaplab-cli serve` with real clients (python3 standard library: imaplib,
# sockets, subprocess, ssl; curl and openssl s_client where installed), label "net". Each script
# starts its own server on a free loopback port with its own temporary data directory.
# Included from tests/CMakeLists.txt.
if(NOT TARGET imaplab-cli)
  return()
endif()
find_program(IMAPLAB_PYTHON3 python3)
if(NOT IMAPLAB_PYTHON3)
  message(STATUS "python3 not found: the net tests are skipped")
  return()
endif()

foreach(_script imaplib_session raw_protocol two_clients stdio robustness shutdown slow_reader classroom cli_errors
                curl_client tls_imaplib tls_starttls tls_clients tls_certs persistence mail_fixtures shared_mailbox admin_reset
                mbsync_roundtrip pop3_poplib)
  add_test(NAME net.${_script}
           COMMAND ${IMAPLAB_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/net/${_script}.py $<TARGET_FILE:imaplab-cli>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(net.${_script} PROPERTIES LABELS net TIMEOUT 60 SKIP_RETURN_CODE 77)
endforeach()
