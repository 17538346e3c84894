"""Asks Caravan one question over AMQP 1.0 with Debian's python3-qpid-proton, as a non-Java client would.

Usage: amqp_ask.py HOST PORT REPLY_TO CORRELATION_ID QUESTION [TIMEOUT_SECONDS]
REPLY_TO is an address to receive on (a queue of the client's), or --dynamic for a temporary queue the broker
names. Sends QUESTION to caravan.questions with reply_to and correlation_id and prints the reply as JSON
{"reply_to": ..., "correlation_id": ..., "body": ...}. Exits 2 when no reply comes within the timeout.
"""
import json
import sys

from proton import Message
from proton import Timeout
from proton.utils import BlockingConnection


def main():
    host, port, reply_to, correlation_id, question = sys.argv[1:6]
    timeout = float(sys.argv[6]) if len(sys.argv) > 6 else 60.0
    connection = BlockingConnection("amqp://%s:%s" % (host, port), timeout=timeout)
    try:
        if reply_to == "--dynamic":
            receiver = connection.create_receiver(None, dynamic=True)
            reply_to = receiver.link.remote_source.address
        else:
            receiver = connection.create_receiver(reply_to)
        sender = connection.create_sender("caravan.questions")
        sender.send(Message(body=question, reply_to=reply_to, correlation_id=correlation_id))
        try:
            reply = receiver.receive(timeout=timeout)
        except Timeout:
            print("no reply on %s within %ss" % (reply_to, timeout), file=sys.stderr)
            return 2
        receiver.accept()
        print(json.dumps({"reply_to": reply_to, "correlation_id": str(reply.correlation_id), "body": reply.body}))
        return 0
    finally:
        connection.close()


if __name__ == "__main__":
    sys.exit(main())
