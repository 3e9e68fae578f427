using GraphQL.Types;

namespace ActorSync.GraphQL.Relay;

/// <summary>The Relay <c>Node</c> interface.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with a globally unique, opaque ID (Relay Global Object Identification).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The object's global ID; pass it to `node` to fetch the object again.");
    }
}
