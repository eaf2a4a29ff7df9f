"""The campaigns service's gRPC adapters for the ports in service.py (advertisers' approval,
pets, and posts the sns service synced). Calls carry the current Principal."""

from __future__ import annotations

from datetime import UTC

import grpc

from petful.campaigns import rules, service
from petful.pb.advertisers.v1 import advertisers_pb2, advertisers_pb2_grpc
from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.pb.sns.v1 import sns_pb2, sns_pb2_grpc
from petful.platform.errors import NotFound, from_rpc_error
from petful.platform.grpc_client import channel


def _species_name(value: int) -> str:
    try:
        return str(pets_pb2.Species.Name(value)).removeprefix("SPECIES_")
    except ValueError:
        return "?"


class GrpcAdvertisers:
    async def approval(self, user_id: str) -> service.AdvertiserApproval:
        stub = advertisers_pb2_grpc.AdvertiserServiceStub(channel("advertisers"))
        try:
            reply = await stub.GetApproval(advertisers_pb2.GetApprovalRequest(user_id=user_id))
        except grpc.aio.AioRpcError as e:
            raise from_rpc_error(e) from e
        return service.AdvertiserApproval(
            approved=reply.has_profile and reply.status == advertisers_pb2.PROFILE_STATUS_APPROVED,
            company_name=reply.company_name,
        )


class GrpcPets:
    async def get_pet(self, pet_id: str) -> service.PetInfo | None:
        stub = pets_pb2_grpc.PetServiceStub(channel("pets"))
        try:
            pet = await stub.GetPet(pets_pb2.GetPetRequest(pet_id=pet_id))
        except grpc.aio.AioRpcError as e:
            err = from_rpc_error(e)
            if isinstance(err, NotFound):
                return None
            raise err from e
        return service.PetInfo(
            id=pet.id,
            owner_user_id=pet.owner_user_id,
            name=pet.name,
            species=_species_name(pet.species),
            petstar_approved=pet.petstar_status == pets_pb2.PET_STAR_STATUS_APPROVED,
            instagram_account_id=pet.instagram_account_id,
            instagram_username=pet.instagram_username,
        )


class GrpcPosts:
    """Posts as the sns service synced them (campaigns reads, never writes, sns data)."""

    async def find_post(self, account_id: str, url: str) -> rules.PostFacts | None:
        stub = sns_pb2_grpc.SnsServiceStub(channel("sns"))
        try:
            post = await stub.GetPostByUrl(
                sns_pb2.GetPostByUrlRequest(account_id=account_id, url=url)
            )
        except grpc.aio.AioRpcError as e:
            err = from_rpc_error(e)
            if isinstance(err, NotFound):
                return None
            raise err from e
        return rules.PostFacts(
            permalink=post.permalink,
            caption=post.caption,
            posted_at=post.posted_at.ToDatetime(tzinfo=UTC),
            paid_partnership=post.paid_partnership,
            like_count=post.like_count,
            comments_count=post.comments_count,
        )
