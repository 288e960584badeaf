"""POST /actors, POST /agreements, DELETE /actors/{id}, DELETE /agreements/{id} (API key only).

A POST body is one loader record plus its source document: it is checked by the loaders' own
models and resolution (`graph.loaders.online`), so the API accepts exactly what a file load
would, and every fact written carries its provenance (document + `source` locator).
"""

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from api.deps import SettingsDep, WriteSessionDep
from api.errors import WRITE_RESPONSES
from api.params import ActorIdPath, AgreementIdPath
from api.security import WriteKey, WriteKeyFirst
from graph.loaders.models import ActorIn, AgreementIn, DocumentIn
from graph.loaders.online import write_record
from queries import actors as actor_queries
from queries import agreements as agreement_queries
from queries.edits import DeletedPublic, delete_actor, delete_agreement

# The key is checked before the body is read (WriteKeyFirst); the dependency documents it.
router = APIRouter(tags=["writes"], dependencies=[WriteKey], route_class=WriteKeyFirst)

_ERRORS = WRITE_RESPONSES


WriteSession = WriteSessionDep


class ActorCreate(BaseModel):
    """An actor record as in a `clustergraph/v1` file, with the document it comes from."""

    model_config = ConfigDict(extra="forbid")
    document: DocumentIn
    actor: ActorIn


class AgreementCreate(BaseModel):
    """An agreement record as in a `clustergraph/v1` file, with the document it comes from."""

    model_config = ConfigDict(extra="forbid")
    document: DocumentIn
    agreement: AgreementIn


@router.post(
    "/actors",
    status_code=201,
    response_model=actor_queries.ActorPublic,
    responses=_ERRORS,
)
async def create_actor(body: ActorCreate, session: WriteSession, settings: SettingsDep):
    """Add an actor (or merge into the actor with this id, exactly as a load would). `source`
    (the place in the document) and `document` are required: every fact keeps its provenance.
    Country and sectors must exist; an existing document keeps its own title and details."""
    record = body.actor.model_dump(exclude_none=True)
    await write_record(
        session,
        "POST /actors",
        "actors",
        body.document.model_dump(exclude_none=True),
        record,
        batch_size=settings.load_batch_size,
    )
    return await actor_queries.get_actor(session, body.actor.id)


@router.post(
    "/agreements",
    status_code=201,
    response_model=agreement_queries.AgreementPublic,
    responses=_ERRORS,
)
async def create_agreement(body: AgreementCreate, session: WriteSession, settings: SettingsDep):
    """Add an agreement between existing actors (named by id, name or alias, as in a file).
    Parties must be distinct; the partnership and sectors must exist."""
    await write_record(
        session,
        "POST /agreements",
        "agreements",
        body.document.model_dump(exclude_none=True),
        body.agreement.model_dump(exclude_none=True),
        batch_size=settings.load_batch_size,
    )
    return await agreement_queries.get_agreement(session, body.agreement.id)


@router.delete("/actors/{actor_id}", response_model=DeletedPublic, responses=_ERRORS)
async def remove_actor(actor_id: ActorIdPath, session: WriteSession):
    """Delete an actor and its links; agreements it was the only party to go with it."""
    return await delete_actor(session, actor_id)


@router.delete("/agreements/{agreement_id}", response_model=DeletedPublic, responses=_ERRORS)
async def remove_agreement(agreement_id: AgreementIdPath, session: WriteSession):
    """Delete an agreement and its links (its parties stay)."""
    return await delete_agreement(session, agreement_id)
