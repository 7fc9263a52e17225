"""Deciding a batch's answers: each distinct answer once, in worker processes the batch shares.

A class repeats itself in many spellings. An answer is first read (for expressions: parsed and
put in normal form, which is cheap) into the key its outcome depends on; the outcome of a key is
computed once, by the first submission that meets it, and every later submission with that key,
in any thread, waits for it or reuses it. An outcome that says the grader could not decide (or
failed) is not remembered: the next submission with that key tries again. The costly checks (sampling, proofs) run in a pool of
worker processes sized like the batch's jobs, so every core decides answers while the sandbox
runs the next submissions. The pool starts only once checks in the calling thread have spent
POOL_AFTER_S of CPU (a class of copies decides its few answers in ~0.2 s and never pays ~0.7 s of
CPU per worker to import the engine), and until its workers have started, checks still run in
the calling thread, so a small batch never waits for the pool. A worker that dies is
replaced and its check tried once more. Every bound is in CPU time, so where a check runs does
not change its outcome.
"""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Mapping

from grader.check import KINDS, CheckEnv
from grader.check.outcome import Outcome
from grader.expr import clock
from grader.results import Status

MAX_KEY_CHARS = 10_000  # an answer this long is checked on its own rather than remembered
POOL_AFTER_S = 0.5  # CPU seconds of checks in the calling threads before the worker pool starts


class Decisions:
    """The outcomes of one assignment's distinct answers, decided in-process or by a worker pool."""

    def __init__(self, spec, spec_path: Path, references: Mapping[str, object], env: CheckEnv):
        self.spec, self.spec_path, self.references, self.env = spec, spec_path, references, env
        self._questions = {q.id: q for q in spec.questions}
        self._readings: dict = {}  # (question id, repr(answer)) -> the reading (Judged for expressions), or None for plain kinds
        self._outcomes: dict[tuple, Future] = {}
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._started: list[Future] = []  # one per worker, done once the pool's workers have started
        self._workers = 0
        self._inline_s = 0.0  # CPU the calling threads spent on costly checks while there was no pool

    def start_workers(self, count: int) -> None:
        """Costly checks may from now on run in `count` worker processes (none: in the calling thread),
        once the calling threads have spent POOL_AFTER_S on them."""
        with self._lock:
            self._workers = count if count > 1 else 0
            self._inline_s = 0.0

    def close(self) -> None:
        with self._lock:
            pool, self._pool, self._workers = self._pool, None, 0
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def outcome(self, question, answer: object) -> Outcome:
        """The check's outcome for this answer (raises AnswerTypeError as the check does)."""
        kind = KINDS[question.kind]
        reference = self.references.get(question.answer)
        text = repr(answer)
        reading = self._reading(question, answer, reference, text) if kind.read else None
        key = (question.id, reading.key if reading else text)
        if len(key[1]) > MAX_KEY_CHARS:
            return self._compute(question, answer, None)
        with self._lock:
            future = self._outcomes.get(key)
            mine = future is None
            if mine:
                future = self._outcomes[key] = Future()
        if mine:
            try:
                future.set_result(self._compute(question, answer, reading))
            except BaseException as exc:  # the waiting submissions get the same failure
                future.set_exception(exc)
            if future.exception() is not None or future.result().status is Status.ERROR:
                with self._lock:  # undecided in time, or the grader failed: the next one tries again
                    self._outcomes.pop(key, None)
        outcome = future.result()
        return reading.shown_in(outcome) if reading else outcome

    def _reading(self, question, answer, reference, text: str):
        memo = (question.id, text)
        reading = self._readings.get(memo)
        if reading is None:
            reading = KINDS[question.kind].read(question, answer, reference, self.env)
            if len(text) <= MAX_KEY_CHARS:
                self._readings[memo] = reading
        return reading

    def _compute(self, question, answer, reading) -> Outcome:
        """The outcome, from the answer's reading where there is one (it is not read again)."""
        pool, kind = self._pool, KINDS[question.kind]
        reference = self.references.get(question.answer)
        if pool is None or not kind.costly or not all(started.done() for started in self._started):
            spent = clock.now()
            try:
                if reading is not None and kind.decide is not None:
                    return kind.decide(question, reading, reference, self.env)
                return check(question, answer, reference, self.env)
            finally:
                if pool is None and kind.costly:
                    self._count_inline(clock.now() - spent)
        task = (_decide_in_worker, question.id, reading.without_reference()) if reading is not None and kind.decide \
            else (_check_in_worker, question.id, answer)
        try:
            return pool.submit(*task).result()
        except BrokenProcessPool:  # a worker died (memory, a signal): replace the pool, try once more
            return self._replace_pool(pool).submit(*task).result()

    def _count_inline(self, seconds: float) -> None:
        """Start the pool once the calling threads have spent enough on checks to make it pay."""
        with self._lock:
            self._inline_s += seconds
            if self._workers and self._pool is None and self._inline_s >= POOL_AFTER_S:
                self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        pool = ProcessPoolExecutor(self._workers, mp_context=context, initializer=_start_worker,
                                   initargs=(str(Path(self.spec_path).resolve()), dict(self.references)))
        self._started = [pool.submit(_started) for _ in range(self._workers)]
        return pool

    def _replace_pool(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is broken:
                self._pool = self._new_pool()
            pool = self._pool
        broken.shutdown(wait=False)
        return pool


def check(question, answer, reference, env) -> Outcome:
    return KINDS[question.kind].check(question, answer, reference, env)


_worker: dict = {}


def _start_worker(spec_path: str, references: dict) -> None:
    """In a worker process: the spec and its references. No proof worker is started here: most
    answers are decided without sympy, and a proof's bound is the proof worker's CPU time, which
    its import does not spend (grader.expr.symbolic)."""
    from grader.spec import load_spec

    spec = load_spec(Path(spec_path))
    _worker.update(questions={q.id: q for q in spec.questions}, references=references, env=CheckEnv(spec))


def _started() -> bool:
    """Runs once a worker's initializer is done: the pool is ready for checks."""
    return True


def _decide_in_worker(question_id: str, reading) -> Outcome:
    question = _worker["questions"][question_id]
    return KINDS[question.kind].decide(question, reading, _worker["references"].get(question.answer), _worker["env"])


def _check_in_worker(question_id: str, answer: object) -> Outcome:
    question = _worker["questions"][question_id]
    return check(question, answer, _worker["references"].get(question.answer), _worker["env"])
