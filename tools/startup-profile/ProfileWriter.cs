using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;

namespace ActorSync.Tools.StartupProfile;

/// <summary>
/// Finds the methods of a JIT summary in the assemblies of a publish directory and writes
/// them as a .mibc profile: the format crossgen2 reads with --mibc (PublishReadyToRunPgoFiles). It is a .NET
/// assembly whose global method AssemblyDictionary holds, per group of assemblies, <c>ldstr "group"; ldtoken
/// groupMethod; pop</c>, and each group method one <c>ldtoken method; pop</c> per method to compile ahead of time.
/// </summary>
public sealed class ProfileWriter
{
    private readonly Dictionary<string, List<Type>> _types = new(StringComparer.Ordinal);

    /// <summary>
    /// Loads every assembly of <paramref name="publishDirectory"/> for reflection: the framework's are this process's
    /// own (the same runtime version), the others come from the directory, in a context of their own.
    /// </summary>
    public ProfileWriter(string publishDirectory)
    {
        var context = new PublishDirectoryContext(publishDirectory);
        // Also every assembly this process can load (the framework's, for a framework-dependent publish: it runs on
        // the same framework; its own packages, which the framework-dependent app takes from the framework too).
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        foreach (var path in Directory.GetFiles(publishDirectory, "*.dll").Concat(platform).Where(HasMetadata))
        {
            Type?[] types;
            try
            {
                types = context.LoadFromAssemblyName(AssemblyName.GetAssemblyName(path)).GetTypes();
            }
            catch (ReflectionTypeLoadException partial)
            {
                types = partial.Types;
            }
            catch (Exception ex) when (ex is FileLoadException or FileNotFoundException or BadImageFormatException)
            {
                continue;
            }
            foreach (var type in types)
            {
                if (type?.FullName is { } name)
                {
                    if (!_types.TryGetValue(name, out var list))
                        _types[name] = list = [];
                    if (!list.Contains(type))
                        list.Add(type);
                }
            }
        }
    }

    private sealed class PublishDirectoryContext(string directory) : AssemblyLoadContext("startup-profile")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            try
            {
                return Default.LoadFromAssemblyName(name);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException)
            {
                var path = Path.Combine(directory, name.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }

    public int Found { get; private set; }

    public List<string> Missed { get; } = [];

    /// <summary>Writes the profile of <paramref name="methods"/> to <paramref name="path"/>.</summary>
    public void Write(IEnumerable<JittedMethod> methods, string path)
    {
        var groups = new SortedDictionary<string, List<MethodBase>>(StringComparer.Ordinal);
        var order = new Dictionary<MethodBase, int>();
        foreach (var jitted in methods)
        {
            MethodBase? method;
            try
            {
                method = Resolve(jitted);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or TypeLoadException or FileNotFoundException)
            {
                method = null;
            }
            if (method is null)
            {
                Missed.Add(jitted.ToString());
                continue;
            }
            if (!order.TryAdd(method, order.Count))
                continue;
            var group = GroupName(method);
            if (!groups.TryGetValue(group, out var list))
                groups[group] = list = [];
            list.Add(method);
            Found++;
        }

        var assembly = new PersistedAssemblyBuilder(new AssemblyName(Path.GetFileNameWithoutExtension(path)), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule(Path.GetFileName(path));
        var voidType = typeof(void);
        // The emitter cannot encode every signature (those with modifiers, such as `in` parameters): each method is tried
        // on a scratch method first, and left out of the profile if it fails there.
        var scratchModule = new PersistedAssemblyBuilder(new AssemblyName("scratch"), typeof(object).Assembly).DefineDynamicModule("scratch.dll");
        var scratch = scratchModule.DefineGlobalMethod("Scratch", MethodAttributes.Public | MethodAttributes.Static, voidType, Type.EmptyTypes).GetILGenerator();
        foreach (var list in groups.Values)
        {
            list.RemoveAll(member =>
            {
                try
                {
                    EmitToken(scratchModule, scratch, member);
                    return false;
                }
                catch (NotSupportedException)
                {
                    Missed.Add(member + " (its signature cannot be written)");
                    Found--;
                    return true;
                }
            });
        }
        var dictionary = module.DefineGlobalMethod("AssemblyDictionary", MethodAttributes.Public | MethodAttributes.Static, voidType, Type.EmptyTypes);
        var dictionaryIL = dictionary.GetILGenerator();
        var index = 0;
        foreach (var (name, members) in groups)
        {
            var group = module.DefineGlobalMethod($"Group_{index++}", MethodAttributes.Public | MethodAttributes.Static, voidType, Type.EmptyTypes);
            var il = group.GetILGenerator();
            foreach (var member in members)
            {
                // The weight orders the image (--method-layout:ExclusiveWeight): the first method the start ran comes
                // first, so that the code a cold start runs lies together in as few pages as possible.
                EmitToken(module, il, member);
                il.Emit(OpCodes.Ldstr, "ExclusiveWeight");
                il.Emit(OpCodes.Ldc_R8, (double)(order.Count - order[member]));
                il.Emit(OpCodes.Pop);
            }
            il.Emit(OpCodes.Ret);
            dictionaryIL.Emit(OpCodes.Ldstr, name);
            dictionaryIL.Emit(OpCodes.Ldtoken, group);
            dictionaryIL.Emit(OpCodes.Pop);
        }
        dictionaryIL.Emit(OpCodes.Ret);
        module.CreateGlobalFunctions();
        assembly.Save(path);
    }

    /// <summary><c>ldtoken</c> of a method or constructor (ILGenerator takes a constructor only for call and newobj: the token is written as is).</summary>
    private static void EmitToken(ModuleBuilder module, ILGenerator il, MethodBase member) =>
        il.Emit(OpCodes.Ldtoken, member is ConstructorInfo constructor ? module.GetMethodMetadataToken(constructor) : module.GetMethodMetadataToken((MethodInfo)member));

    /// <summary>"Defining;Other;Other;": the owner's assembly first, then every other assembly the method's types come from.</summary>
    private static string GroupName(MethodBase method)
    {
        var defining = method.DeclaringType!.Assembly.GetName().Name!;
        var others = new SortedSet<string>(StringComparer.Ordinal);
        AddAssemblies(method.DeclaringType, others);
        if (method is MethodInfo { IsGenericMethod: true } generic)
        {
            foreach (var argument in generic.GetGenericArguments())
                AddAssemblies(argument, others);
        }
        others.Remove(defining);
        return defining + ";" + string.Concat(others.Select(name => name + ";"));
    }

    private static void AddAssemblies(Type type, ISet<string> names)
    {
        if (type.HasElementType)
        {
            AddAssemblies(type.GetElementType()!, names);
            return;
        }
        if (type.IsGenericParameter)
            return;
        names.Add(type.Assembly.GetName().Name!);
        if (type.IsConstructedGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
                AddAssemblies(argument, names);
        }
    }

    /// <summary>
    /// The method on the owner's type; an internal type's name can be in several assemblies (helpers that are
    /// compiled into each), so each is tried until one has the method.
    /// </summary>
    private MethodBase? Resolve(JittedMethod jitted)
    {
        if (!_types.TryGetValue(jitted.Owner.Name, out var definitions) || definitions.Count == 1)
            return ResolveType(jitted.Owner) is { } only ? Resolve(jitted, only) : null;
        foreach (var definition in definitions)
        {
            if (ResolveType(jitted.Owner, definition) is { } owner && Resolve(jitted, owner) is { } method)
                return method;
        }
        return null;
    }

    private MethodBase? Resolve(JittedMethod jitted, Type owner)
    {
        if (jitted.Name == ".cctor")
            return owner.TypeInitializer;
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> candidates = jitted.Name == ".ctor"
            ? owner.GetConstructors(All)
            : owner.GetMethods(All).Where(m => m.Name == jitted.Name
                && (m.IsGenericMethodDefinition ? m.GetGenericArguments().Length : 0) == jitted.MethodArguments.Count);
        var best = candidates
            .Where(m => m.GetParameters().Length == jitted.Parameters.Count)
            .Select(m => (Method: m, Score: Score(m, jitted)))
            .Where(c => c.Score >= 0)
            .OrderByDescending(c => c.Score)
            .Select(c => c.Method)
            .FirstOrDefault();
        if (best is MethodInfo { IsGenericMethodDefinition: true } definition)
            return Arguments(definition.GetGenericArguments(), jitted.MethodArguments) is { } arguments ? definition.MakeGenericMethod(arguments) : null;
        return best;
    }

    /// <summary>How many parameter types match the summary's (a shared reference type, byref and ptr match loosely); -1 for a clash.</summary>
    private int Score(MethodBase method, JittedMethod jitted)
    {
        var score = 0;
        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var actual = parameters[i].ParameterType;
            var printed = jitted.Parameters[i];
            if (printed.Name == "byref")
            {
                if (!actual.IsByRef)
                    return -1;
                continue;
            }
            if (printed.Name == "ptr" || printed.Name == TypeName.Canon || actual.ContainsGenericParameters)
                continue;
            if (actual.IsByRef)
                return -1;
            var name = actual.IsConstructedGenericType ? actual.GetGenericTypeDefinition().FullName : actual.FullName;
            var expected = PrimitiveName(printed.Name) ?? printed.Name;
            if (printed.ArrayRanks > 0)
                continue;
            if (name == expected)
                score++;
            else if (!actual.IsValueType && Primitives.ContainsKey(printed.Name))
                return -1;
        }
        return score;
    }

    private Type? ResolveType(TypeName name, Type? definition = null)
    {
        Type? type;
        if (definition is not null)
            type = definition;
        else if (name.Name == TypeName.Canon)
            type = typeof(object);
        else if (PrimitiveName(name.Name) is { } primitive)
            type = Type.GetType(primitive);
        else if (_types.TryGetValue(name.Name, out var found))
            type = found[0];
        else
            return null;
        if (type is null)
            return null;
        if (name.Arguments.Count > 0)
        {
            if (!type.IsGenericTypeDefinition || type.GetGenericArguments().Length != name.Arguments.Count
                || Arguments(type.GetGenericArguments(), name.Arguments) is not { } arguments)
                return null;
            type = type.MakeGenericType(arguments);
        }
        for (var i = 0; i < name.ArrayRanks; i++)
            type = type.MakeArrayType();
        return type;
    }

    /// <summary>
    /// The arguments of an instantiation. Shared code (<c>System.__Canon</c>) is named by a reference type that meets
    /// the parameter's constraints: object, or the constraint's own type.
    /// </summary>
    private Type[]? Arguments(Type[] parameters, IReadOnlyList<TypeName> names)
    {
        var arguments = new Type[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var constraint = parameters[i].GetGenericParameterConstraints().OrderBy(c => c.IsInterface).FirstOrDefault(c => !c.ContainsGenericParameters);
            if (names[i].Name == TypeName.Canon && constraint is not null && constraint != typeof(ValueType))
                arguments[i] = constraint;
            else if (ResolveType(names[i]) is { } argument)
                arguments[i] = argument;
            else
                return null;
        }
        return arguments;
    }

    private static readonly Dictionary<string, string> Primitives = new(StringComparer.Ordinal)
    {
        ["bool"] = "System.Boolean", ["char"] = "System.Char", ["byte"] = "System.Byte", ["sbyte"] = "System.SByte",
        ["short"] = "System.Int16", ["ushort"] = "System.UInt16", ["int"] = "System.Int32", ["uint"] = "System.UInt32",
        ["long"] = "System.Int64", ["ulong"] = "System.UInt64", ["float"] = "System.Single", ["double"] = "System.Double",
        ["nint"] = "System.IntPtr", ["nuint"] = "System.UIntPtr",
    };

    private static string? PrimitiveName(string name) => Primitives.GetValueOrDefault(name);

    private static bool HasMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.HasMetadata;
    }

}
