"""Asks Caravan one question over STOMP with Debian's python3-stomp, as a non-Java client would.

Usage: stomp_ask.py HOST PORT SUBSCRIBE_TO REPLY_TO CORRELATION_ID QUESTION [TIMEOUT_SECONDS]
Subscribes to SUBSCRIBE_TO (receipted before asking), sends QUESTION to /queue/caravan.questions with the
reply-to and correlation-id headers, and prints the reply frame as JSON {"headers": {...}, "body": "..."}.
Exits 2 when no reply comes within the timeout, 3 on an ERROR frame. With CARAVAN_STOMP_LOGIN and
CARAVAN_STOMP_PASSCODE in the environment it logs in (a key's principal and the key, when Caravan's authentication is
on); without them it connects anonymously.
"""
import json
import os
import sys
import threading

import stomp


class Replies(stomp.ConnectionListener):
    def __init__(self):
        self.subscribed = threading.Event()
        self.arrived = threading.Event()
        self.reply = None
        self.error = None

    def on_receipt(self, frame):
        self.subscribed.set()

    def on_message(self, frame):
        self.reply = frame
        self.arrived.set()

    def on_error(self, frame):
        self.error = frame
        self.subscribed.set()
        self.arrived.set()


def main():
    host, port, subscribe_to, reply_to, correlation_id, question = sys.argv[1:7]
    timeout = float(sys.argv[7]) if len(sys.argv) > 7 else 60.0
    # no content-length: the broker makes the question a text message
    connection = stomp.Connection([(host, int(port))], auto_content_length=False)
    replies = Replies()
    connection.set_listener("replies", replies)
    login = os.environ.get("CARAVAN_STOMP_LOGIN")
    if login:
        connection.connect(login, os.environ.get("CARAVAN_STOMP_PASSCODE", ""), wait=True)
    else:
        connection.connect(wait=True)
    try:
        connection.subscribe(destination=subscribe_to, id="1", ack="auto", headers={"receipt": "subscribed"})
        if not replies.subscribed.wait(timeout):
            print("no receipt for the subscription to %s within %ss" % (subscribe_to, timeout), file=sys.stderr)
            return 2
        connection.send(destination="/queue/caravan.questions", body=question,
                        headers={"reply-to": reply_to, "correlation-id": correlation_id})
        if not replies.arrived.wait(timeout):
            print("no reply on %s within %ss" % (subscribe_to, timeout), file=sys.stderr)
            return 2
        if replies.error is not None:
            print("ERROR frame: %s %s" % (replies.error.headers, replies.error.body), file=sys.stderr)
            return 3
        print(json.dumps({"headers": replies.reply.headers, "body": replies.reply.body}))
        return 0
    finally:
        connection.disconnect()


if __name__ == "__main__":
    sys.exit(main())
