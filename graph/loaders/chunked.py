"""Opt-in chunked commits, for loads too large for one transaction.

The default load is one transaction: all or nothing. A transaction's state lives in the server's
heap, though, and about 4 million nodes and relationships at once (the L benchmark) exceed the
7 GiB a 10 GiB heap allows (`dbms.memory.transaction.total.max`). With
CLUSTERGRAPH_LOAD_COMMIT_BATCHES=N the load commits after every N statements instead: server
memory stays bounded, but a failure part-way leaves the earlier chunks written. Loads are
idempotent (MERGE), so running the same load again completes it.
"""

from typing import Any

from neo4j import Result, Session, Transaction


class ChunkedTransaction:
    """Looks like a transaction to `write_plan`; commits and begins a new one every N runs."""

    def __init__(self, session: Session, every: int, timeout: float):
        self.session, self.every, self.timeout = session, every, timeout
        self.tx: Transaction = session.begin_transaction(timeout=timeout)
        self.runs = 0
        self.commits = 0

    def run(self, query: Any, **params: Any) -> Result:
        if self.runs and self.runs % self.every == 0:
            self.commit()
            self.tx = self.session.begin_transaction(timeout=self.timeout)
        self.runs += 1
        return self.tx.run(query, **params)

    def commit(self) -> None:
        self.tx.commit()
        self.commits += 1

    def close(self) -> None:
        self.tx.close()
