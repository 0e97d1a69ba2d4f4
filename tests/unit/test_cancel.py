"""The Stop button's cancel token: callbacks run once, at once, from any thread, and never raise."""

from __future__ import annotations

import threading

from desktop_app.core.cancel import CancelToken


def test_not_cancelled_until_cancel():
    token = CancelToken()
    ran = []
    token.on_cancel(lambda: ran.append(1))
    assert token.is_cancelled() is False
    assert ran == []
    token.cancel()
    assert token.is_cancelled() is True
    assert ran == [1]


def test_callbacks_run_once_even_if_cancel_is_called_again():
    token = CancelToken()
    ran = []
    token.on_cancel(lambda: ran.append("a"))
    token.on_cancel(lambda: ran.append("b"))
    token.cancel()
    token.cancel()
    token.cancel()
    assert ran == ["a", "b"]


def test_late_callback_runs_immediately_and_once():
    token = CancelToken()
    token.cancel()
    ran = []
    token.on_cancel(lambda: ran.append("late"))
    assert ran == ["late"]
    token.cancel()
    assert ran == ["late"]


def test_callback_exceptions_are_swallowed_and_the_others_still_run():
    token = CancelToken()
    ran = []

    def broken():
        raise RuntimeError("stream already closed")

    token.on_cancel(broken)
    token.on_cancel(lambda: ran.append("after"))
    token.cancel()  # must not raise
    assert ran == ["after"]
    token.on_cancel(broken)  # late registration must not raise either
    assert token.is_cancelled()


def test_cancel_from_another_thread_unblocks_a_waiting_worker():
    token = CancelToken()
    socket_closed = threading.Event()  # stands for the HTTP stream a worker is blocked on
    worker_saw_cancel = []

    def worker():
        token.on_cancel(socket_closed.set)
        socket_closed.wait(timeout=10)
        worker_saw_cancel.append(token.is_cancelled())

    thread = threading.Thread(target=worker)
    thread.start()
    threading.Timer(0.05, token.cancel).start()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert worker_saw_cancel == [True]


def test_racing_registrations_and_cancels_run_every_callback_exactly_once():
    for _ in range(20):
        token = CancelToken()
        counts = [0] * 400
        lock = threading.Lock()
        start = threading.Barrier(6)

        def register(first: int) -> None:
            start.wait()
            for i in range(first, first + 100):

                def callback(i=i):
                    with lock:
                        counts[i] += 1

                token.on_cancel(callback)

        def cancel() -> None:
            start.wait()
            token.cancel()

        threads = [threading.Thread(target=register, args=(k * 100,)) for k in range(4)]
        threads += [threading.Thread(target=cancel) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
        assert counts == [1] * 400
