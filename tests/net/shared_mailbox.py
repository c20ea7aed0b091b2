"""An instructor shares a mailbox with the class (RFC 4314 ACL, `anyone: lr` in the teacher's
fixture): students in classroom mode see it as shared/teacher/Course in NAMESPACE and LIST, can read
it but not change it; the teacher's own session sees nothing change; the ACL survives a restart
with --data."""
import imaplib
import os
import shutil
import tempfile

from netlib import DATA, Server, check

data = tempfile.mkdtemp(prefix="imaplab-shared-")
args = ("--users", os.path.join(DATA, "class_users.json"), "--classroom", "--password", "class-pw", "--no-tls")
try:
    for round_ in (1, 2):
        with Server(*args, data=data) as s:
            student = imaplib.IMAP4("127.0.0.1", s.port)
            student.login("student%d" % round_, "class-pw")
            typ, ns = student.namespace()
            check(ns[0] == b'(("" "/")) (("shared/" "/")) NIL', "NAMESPACE shows the shared namespace", ns)
            typ, boxes = student.list('""', "shared/*")
            check(any(b.endswith(b" shared/teacher/Course") for b in boxes), "the shared mailbox is listed", boxes)
            typ, myrights = student.myrights("shared/teacher/Course")
            check(myrights[0].endswith(b" lr"), "MYRIGHTS lr", myrights)
            # SELECT answers [READ-ONLY] without any of s w i t e (imaplib then refuses SELECT: EXAMINE).
            typ, n = student.select("shared/teacher/Course", readonly=True)
            check(typ == "OK" and n == [b"1"], "a student can read it", (typ, n))
            typ, resp = student.fetch("1", "(BODY[HEADER.FIELDS (SUBJECT)])")
            check(b"Syllabus" in resp[0][1], "and fetch its message", resp)
            typ, resp = student.append("shared/teacher/Course", None, None, b"Subject: spam\r\n\r\nx\r\n")
            check(typ == "NO" and resp == [b"[NOPERM] Permission denied."], "APPEND without the i right: NO [NOPERM]", resp)
            try:
                student.store("1", "+FLAGS", "(\\Deleted)")
            except imaplib.IMAP4.error:
                pass
            teacher = imaplib.IMAP4("127.0.0.1", s.port)
            teacher.login("teacher", "teacher-pw")
            typ, n = teacher.select("Course")
            check(n == [b"1"], "the teacher's mailbox still has its message", n)
            typ, f = teacher.fetch("1", "(FLAGS)")
            check(b"\\Deleted" not in f[0], "a student without t cannot set \\Deleted", f)
            typ, acl = teacher.getacl("Course")
            check(b"anyone lr" in acl[0], "GETACL shows the class's rights", acl)
            for m in (student, teacher):
                m.logout()
            check(s.stop() == 0, "clean stop")
finally:
    shutil.rmtree(data, True)
print("ok")
