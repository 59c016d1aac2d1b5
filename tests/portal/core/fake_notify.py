"""A local stand-in for the GOV.UK Notify API: checks the client's signed token the
way Notify does and answers like it, so no traffic leaves the machine."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"involve_test-{SERVICE_ID}-{SECRET}"


class FakeNotify:
    def __init__(self):
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                try:
                    claims = jwt.decode(token, SECRET, algorithms=["HS256"])
                    assert claims["iss"] == SERVICE_ID
                except Exception:  # noqa: BLE001
                    return self._answer(403, {"errors": [{"error": "AuthError"}]})
                kind = self.path.rsplit("/", 1)[-1]
                if kind == "sms" and not body.get("phone_number", "").startswith("07"):
                    return self._answer(
                        400,
                        {
                            "status_code": 400,
                            "errors": [
                                {
                                    "error": "ValidationError",
                                    "message": "phone_number Not a UK mobile number",
                                }
                            ],
                        },
                    )
                notification_id = str(uuid.uuid4())
                fake.requests.append({"kind": kind, "id": notification_id, **body})
                return self._answer(
                    201,
                    {
                        "id": notification_id,
                        "reference": body.get("reference"),
                        "content": {"body": body["personalisation"]["body"]},
                        "template": {"id": body["template_id"], "version": 1},
                    },
                )

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
