"""The campaigns service's gRPC adapters for its ports (`service/ports.py`): advertisers'
approval, pets, and posts the sns service synced. The client interceptor forwards the
current Principal; `call`/`call_or_none` turn a failed call into the domain error."""

from __future__ import annotations

from petful.campaigns.rules.checklist import PostFacts
from petful.campaigns.service.ports import AdvertiserApproval, PetInfo
from petful.pb.advertisers.v1 import advertisers_pb2, advertisers_pb2_grpc
from petful.pb.common.v1 import species_pb2
from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.pb.sns.v1 import sns_pb2, sns_pb2_grpc
from petful.platform.grpc_client import call, call_or_none, channel
from petful.platform.protobuf import enum_name, from_timestamp


class GrpcAdvertisers:
    """`AdvertiserPort` over the advertisers service."""

    async def approval(self, user_id: str) -> AdvertiserApproval:
        stub = advertisers_pb2_grpc.AdvertiserServiceStub(channel("advertisers"))
        reply = await call(stub.GetApproval(advertisers_pb2.GetApprovalRequest(user_id=user_id)))
        return AdvertiserApproval(
            approved=reply.has_profile and reply.status == advertisers_pb2.PROFILE_STATUS_APPROVED,
            company_name=reply.company_name,
        )


class GrpcPets:
    """`PetPort` over the pets service."""

    async def get_pet(self, pet_id: str) -> PetInfo | None:
        stub = pets_pb2_grpc.PetServiceStub(channel("pets"))
        pet = await call_or_none(stub.GetPet(pets_pb2.GetPetRequest(pet_id=pet_id)))
        if pet is None:
            return None
        return PetInfo(
            id=pet.id,
            owner_user_id=pet.owner_user_id,
            name=pet.name,
            species=enum_name(species_pb2.Species, pet.species, "SPECIES_"),
            petstar_approved=pet.petstar_status == pets_pb2.PET_STAR_STATUS_APPROVED,
            instagram_account_id=pet.instagram_account_id,
            instagram_username=pet.instagram_username,
        )


class GrpcPosts:
    """`PostPort` over the sns service (campaigns reads, never writes, sns data)."""

    async def find_post(self, account_id: str, url: str) -> PostFacts | None:
        stub = sns_pb2_grpc.SnsServiceStub(channel("sns"))
        request = sns_pb2.GetPostByUrlRequest(account_id=account_id, url=url)
        post = await call_or_none(stub.GetPostByUrl(request))
        posted_at = None if post is None else from_timestamp(post, "posted_at")
        if post is None or posted_at is None:  # sns stamps every synced post; else unseen
            return None
        return PostFacts(
            permalink=post.permalink,
            caption=post.caption,
            posted_at=posted_at,
            paid_partnership=post.paid_partnership,
            like_count=post.like_count,
            comments_count=post.comments_count,
        )
