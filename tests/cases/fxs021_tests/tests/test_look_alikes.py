import threading

from app import patch as app_patch


class Server:
    def start(self):
        return self

    def stop(self):
        return self


def patch(target):
    return Server()


def test_thread_start():
    worker = threading.Thread(target=print)
    worker.start()


def test_timer_start():
    threading.Timer(1, print).start()


def test_own_server():
    server = Server()
    server.start()


def test_own_function_named_patch():
    patch("app.clock").start()


def test_patch_from_the_app():
    app_patch("app.clock").start()
