using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tools.StartupProfile;
using TypeName = ActorSync.Tools.StartupProfile.TypeName;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>
/// The start-up profile (ActorSync.GraphQL/startup.mibc) and the tool that writes it (tools/startup-profile): the JIT
/// summary parser, the writer (read back with System.Reflection.Metadata, the way crossgen2 reads it), and the
/// committed file, which must still describe this code.
/// </summary>
public sealed class StartupProfileTests
{
    [Fact]
    public void The_parser_reads_generic_owners_generic_methods_and_parameters_and_skips_runtime_stubs()
    {
        string[] lines =
        [
            "   1: JIT compiled System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1+AsyncStateMachineBox`1[System.__Canon,Foo+<Bar>d__1]:MoveNext(System.Threading.Thread) [Tier0, IL size=8, code size=33]",
            "   2: JIT compiled GraphQL.ValueConverter:Register[System.DateTimeOffset,System.DateTime](System.Func`2[System.DateTimeOffset,System.DateTime]) [Tier0, IL size=62, code size=280]",
            "   3: JIT compiled System.Buffers.SequenceReader`1[byte]:TryReadToAny(byref,System.ReadOnlySpan`1[byte],bool) [Instrumented Tier0, IL size=103, code size=301]",
            "   4: JIT compiled (dynamicClass):InvokeStub_Options.get_Timeout(System.Object,System.Object,ptr) [FullOpts, IL size=18, code size=51]",
            "   5: JIT compiled Polly.ResiliencePipeline`1[System.__Canon]:IL_STUB_InstantiatingStub(int) [FullOpts, IL size=18, code size=51]",
            "   6: JIT compiled System.String:Join(System.String,System.String[]) [Tier0, IL size=8, code size=33]",
            "   7: JIT compiled System.Buffers.SequenceReader`1[byte]:TryReadToAny(byref,System.ReadOnlySpan`1[byte],bool) [Tier1, IL size=103, code size=201]",
            "not a summary line",
        ];

        var methods = JitLog.Read(lines).ToList();

        Assert.Equal(4, methods.Count);
        var box = methods[0];
        Assert.Equal("System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1+AsyncStateMachineBox`1", box.Owner.Name);
        Assert.Equal([TypeName.Canon, "Foo+<Bar>d__1"], box.Owner.Arguments.Select(a => a.Name));
        Assert.Equal("MoveNext", box.Name);
        Assert.Equal("System.Threading.Thread", Assert.Single(box.Parameters).Name);
        var register = methods[1];
        Assert.Equal("Register", register.Name);
        Assert.Equal(["System.DateTimeOffset", "System.DateTime"], register.MethodArguments.Select(a => a.Name));
        Assert.Equal("System.Func`2[System.DateTimeOffset,System.DateTime]", register.Parameters[0].ToString());
        Assert.Equal(["byref", "System.ReadOnlySpan`1[byte]", "bool"], methods[2].Parameters.Select(p => p.ToString()));
        Assert.Equal(1, methods[3].Parameters[1].ArrayRanks);
    }

    [Fact]
    public void The_writer_names_each_method_by_token_with_a_weight_in_first_run_order()
    {
        string[] lines =
        [
            "   1: JIT compiled System.Collections.Generic.List`1[int]:Add(int) [Tier0, IL size=8, code size=33]",
            "   2: JIT compiled System.Linq.Enumerable:ToList[System.__Canon](System.Collections.Generic.IEnumerable`1[System.__Canon]) [Tier0, IL size=8, code size=33]",
            "   3: JIT compiled ActorSync.GraphQL.Health.HealthEndpoints:get_Version() [Tier0, IL size=8, code size=33]",
            "   4: JIT compiled No.Such.Type:Method() [Tier0, IL size=8, code size=33]",
        ];
        var path = Path.Combine(Path.GetTempPath(), $"actorsync-profile-test-{Guid.NewGuid():N}.mibc");
        try
        {
            var writer = new ProfileWriter(AppContext.BaseDirectory);
            writer.Write(JitLog.Read(lines), path);

            Assert.Equal(3, writer.Found);
            Assert.Equal("No.Such.Type:Method()", Assert.Single(writer.Missed));
            var profile = MibcFile.Read(path);
            Assert.Equal(
                [("System.Collections.Generic.List`1", "Add", 3.0), ("System.Linq.Enumerable", "ToList", 2.0), ("ActorSync.GraphQL.Health.HealthEndpoints", "get_Version", 1.0)],
                profile.Methods.OrderByDescending(m => m.Weight).Select(m => (m.Owner, m.Name, m.Weight)));
            Assert.Contains(profile.Groups, group => group.StartsWith("ActorSync.GraphQL;", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_committed_profile_describes_this_code()
    {
        var profile = MibcFile.Read(RepositoryRoot.Combine("ActorSync.GraphQL", "startup.mibc"));

        Assert.True(profile.Methods.Count > 5_000, $"The profile names {profile.Methods.Count} methods; a start runs well over 10,000.");
        // Types renamed or removed since it was written are only left to the JIT; most must still exist, or the profile
        // is stale: run tools/startup-profile/run.sh.
        var ours = profile.Methods.Where(m => m.Assembly == "ActorSync.GraphQL").Select(m => m.Owner).Distinct().ToList();
        Assert.True(ours.Count > 100, $"The profile names {ours.Count} types of ActorSync.GraphQL.");
        var missing = ours.Where(name => typeof(Program).Assembly.GetType(name) is null).ToList();
        Assert.True(missing.Count <= ours.Count / 10,
            $"{missing.Count} of the {ours.Count} ActorSync.GraphQL types in startup.mibc no longer exist (e.g. {string.Join(", ", missing.Take(5))}): run tools/startup-profile/run.sh.");
    }

    /// <summary>What crossgen2 reads of a .mibc: the groups of AssemblyDictionary, and each group's ldtoken'd methods with their weights.</summary>
    private sealed record MibcFile(List<string> Groups, List<(string Assembly, string Owner, string Name, double Weight)> Methods)
    {
        public static MibcFile Read(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var metadata = pe.GetMetadataReader();
            var globals = metadata.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1)).GetMethods()
                .ToDictionary(handle => metadata.GetString(metadata.GetMethodDefinition(handle).Name));
            var groups = new List<string>();
            var methods = new List<(string, string, string, double)>();
            string? group = null;
            foreach (var (opcode, operand) in Instructions(pe, metadata, globals["AssemblyDictionary"]))
            {
                if (opcode == ILOpCode.Ldstr)
                    group = metadata.GetUserString(MetadataTokens.UserStringHandle((int)operand));
                else if (opcode == ILOpCode.Ldtoken && group is not null)
                {
                    groups.Add(group);
                    string? assembly = null, owner = null, name = null;
                    foreach (var (inner, value) in Instructions(pe, metadata, (MethodDefinitionHandle)MetadataTokens.EntityHandle((int)operand)))
                    {
                        if (inner == ILOpCode.Ldtoken)
                            (assembly, owner, name) = Describe(metadata, MetadataTokens.EntityHandle((int)value));
                        else if (inner == ILOpCode.Ldc_r8 && name is not null)
                            methods.Add((assembly!, owner!, name, BitConverter.Int64BitsToDouble(value)));
                    }
                }
            }
            return new MibcFile(groups, methods);
        }

        private static IEnumerable<(ILOpCode OpCode, long Operand)> Instructions(PEReader pe, MetadataReader metadata, MethodDefinitionHandle method)
        {
            var reader = pe.GetMethodBody(metadata.GetMethodDefinition(method).RelativeVirtualAddress).GetILReader();
            var result = new List<(ILOpCode, long)>();
            while (reader.RemainingBytes > 0)
            {
                var code = reader.ReadByte() is var first && first == 0xFE ? (ILOpCode)(0xFE00 | reader.ReadByte()) : (ILOpCode)first;
                long operand = code switch
                {
                    ILOpCode.Ldstr or ILOpCode.Ldtoken => reader.ReadInt32(),
                    ILOpCode.Ldc_r8 => reader.ReadInt64(),
                    ILOpCode.Ldc_i4 => reader.ReadInt32(),
                    ILOpCode.Ldc_i4_s => reader.ReadSByte(),
                    _ => 0,
                };
                result.Add((code, operand));
            }
            return result;
        }

        private static (string Assembly, string Owner, string Name) Describe(MetadataReader metadata, EntityHandle handle)
        {
            if (handle.Kind == HandleKind.MethodSpecification)
                handle = metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method;
            var reference = metadata.GetMemberReference((MemberReferenceHandle)handle);
            var parent = reference.Parent;
            if (parent.Kind == HandleKind.TypeSpecification)
            {
                // A generic instantiation: its blob starts GENERICINST, CLASS/VALUETYPE, then the generic type's handle.
                var blob = metadata.GetBlobReader(metadata.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                blob.ReadByte();
                blob.ReadByte();
                parent = blob.ReadTypeHandle();
            }
            var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
            var name = metadata.GetString(type.Name);
            var scope = type.ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                var outer = metadata.GetTypeReference((TypeReferenceHandle)scope);
                name = metadata.GetString(outer.Name) + "+" + name;
                type = outer;
                scope = outer.ResolutionScope;
            }
            var ns = metadata.GetString(type.Namespace);
            var assembly = scope.Kind == HandleKind.AssemblyReference ? metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) : "";
            return (assembly, ns.Length > 0 ? ns + "." + name : name, metadata.GetString(reference.Name));
        }
    }
}
