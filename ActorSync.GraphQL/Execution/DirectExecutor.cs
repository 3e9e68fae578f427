using System.Buffers;
using System.Collections;
using System.Collections.ObjectModel;
using System.Numerics;
using System.Security.Claims;
using System.Text.Json;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Instrumentation;
using GraphQL.Types;

namespace ActorSync.GraphQL.Execution;

/// <summary>
/// Runs an <see cref="OperationPlan"/> with a request's <see cref="PlanBindings"/> and writes its answer in one pass: each field's resolver is called with a
/// reused context and its value goes straight to the JSON writer. There is no execution tree and no result tree, which
/// are most of what GraphQL.NET spends on a large answer.
/// <para>
/// It answers only when everything is at hand: the first value that is not (a data loader that must fetch, a resolver
/// still running), an error of any kind, or a value it cannot write makes it give up, and the caller executes the
/// operation with GraphQL.NET, which then produces the answer and its errors. Queries have no side effects, and the
/// request's data loaders keep what this pass started, so giving up costs only the work done so far. When it answers,
/// it writes exactly the bytes GraphQL.NET would (the tests hold it to that).
/// </para>
/// </summary>
public static class DirectExecutor
{
    private static readonly IDictionary<string, object?> NoOutputExtensions = new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());
    private static readonly IReadOnlyDictionary<string, object?> NoInputExtensions = new Dictionary<string, object?>();

    /// <summary>What one request runs with.</summary>
    public readonly record struct Request(
        IDictionary<string, object?> UserContext,
        IServiceProvider? RequestServices,
        ClaimsPrincipal? User,
        IReadOnlyDictionary<string, object?>? InputExtensions,
        CancellationToken CancellationToken);

    /// <summary>
    /// Writes <c>{"data":…}</c> for the operation into <paramref name="output"/>; false (and nothing usable written)
    /// when the operation must be executed by GraphQL.NET instead.
    /// </summary>
    internal static bool TryWrite(OperationPlan operation, OperationPlan.Selection root, PlanBindings bindings, in Request request, IBufferWriter<byte> output)
    {
        var run = Run.Rent(operation, bindings, request);
        var writer = run.Writer(output);
        try
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data"u8);
            if (!run.WriteObject(root, null, 0))
                return false;
            writer.WriteEndObject();
            writer.Flush();
            // A resolver that reported an error without throwing leaves it here: GraphQL.NET answers with it.
            return run.Errors.Count == 0;
        }
        catch (Exception)
        {
            // Whatever a resolver threw, GraphQL.NET meets it again and turns it into the answer's error.
            return false;
        }
        finally
        {
            run.Return();
        }
    }

    /// <summary>The state of one run: reused by the next run on the same thread (a run never leaves its thread).</summary>
    private sealed class Run
    {
        [ThreadStatic]
        private static Run? _cached;

        /// <summary>Contexts by depth, one per source type met at that depth (typed, so typed resolvers need no adapter).</summary>
        private readonly List<List<Slot>> _contexts = [];
        private readonly List<Slot> _prepared = [];
        private Utf8JsonWriter? _writer;
        private OperationPlan _operation = null!;
        private PlanBindings _bindings = null!;
        private Request _request;

        private sealed class Slot(Type type, ResolveFieldContext context)
        {
            public Type Type { get; } = type;
            public ResolveFieldContext Context { get; } = context;
            public bool Prepared { get; set; }
        }

        public ExecutionErrors Errors { get; private set; } = [];

        public static Run Rent(OperationPlan operation, PlanBindings bindings, in Request request)
        {
            var run = _cached ?? new Run();
            _cached = null;
            run._operation = operation;
            run._bindings = bindings;
            run._request = request;
            if (run.Errors.Count > 0)
                run.Errors = [];
            return run;
        }

        public void Return()
        {
            // Nothing of the request stays reachable from the thread.
            foreach (var slot in _prepared)
            {
                Clear(slot.Context);
                slot.Prepared = false;
            }
            _prepared.Clear();
            _operation = null!;
            _bindings = null!;
            _request = default;
            _writer?.Reset(Stream.Null);
            _cached = this;
        }

        public Utf8JsonWriter Writer(IBufferWriter<byte> output)
        {
            if (_writer is null)
                _writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
            else
                _writer.Reset(output);
            return _writer;
        }

        /// <summary>
        /// The context for the fields of an object at this depth: a field's context is only read while its resolver runs
        /// and its value is written, and deeper objects use deeper contexts.
        /// </summary>
        private ResolveFieldContext ContextAt(int depth, OperationPlan.Selection selection)
        {
            while (_contexts.Count <= depth)
                _contexts.Add([]);
            var slots = _contexts[depth];
            Slot? found = null;
            foreach (var slot in slots)
            {
                if (slot.Type == selection.SourceType)
                {
                    found = slot;
                    break;
                }
            }
            if (found is null)
            {
                var created = selection.NewContext();
                created.Path = [];
                created.ResponsePath = [];
                created.Metrics = Metrics.None;
                slots.Add(found = new Slot(selection.SourceType, created));
            }
            if (found.Prepared)
                return found.Context;
            found.Prepared = true;
            _prepared.Add(found);
            var context = found.Context;
            context.Schema = _operation.Schema;
            context.Document = _operation.Document;
            context.Operation = _operation.Operation;
            context.Variables = _bindings.Variables;
            context.UserContext = _request.UserContext;
            context.RequestServices = _request.RequestServices;
            context.User = _request.User;
            context.CancellationToken = _request.CancellationToken;
            context.InputExtensions = _request.InputExtensions ?? NoInputExtensions;
            context.OutputExtensions = NoOutputExtensions;
            context.Errors = Errors;
            return context;
        }

        private static void Clear(ResolveFieldContext context)
        {
            context.Source = null;
            context.Schema = null!;
            context.Document = null!;
            context.Operation = null!;
            context.Variables = null!;
            context.UserContext = null!;
            context.RequestServices = null;
            context.User = null;
            context.Errors = null!;
            context.FieldAst = null!;
            context.FieldDefinition = null!;
            context.ParentType = null!;
            context.Arguments = null;
            context.Directives = null;
            context.CancellationToken = default;
        }

        public bool WriteObject(OperationPlan.Selection selection, object? source, int depth)
        {
            var writer = _writer!;
            var context = ContextAt(depth, selection);
            writer.WriteStartObject();
            foreach (var field in selection.Fields)
            {
                context.Source = source;
                context.ParentType = selection.Type;
                context.FieldAst = field.Ast;
                context.FieldDefinition = field.Definition;
                if (field.Slot < 0)
                {
                    context.Arguments = field.Arguments;
                    context.Directives = field.Directives;
                }
                else
                {
                    // Arguments or directives that hold variables: this request's values.
                    context.Arguments = _bindings.Arguments[field.Slot] ?? field.Arguments;
                    context.Directives = _bindings.Directives[field.Slot];
                }
                context.SubFields = null;
                if (!TryResolve(field, context, out var value))
                    return false;
                writer.WritePropertyName(field.Name);
                if (!WriteValue(field.Shape, value, depth + 1))
                    return false;
            }
            writer.WriteEndObject();
            return true;
        }

        /// <summary>The field's value if it is at hand; a pending one is left to finish (observed, so a failure is not reported as unobserved).</summary>
        private static bool TryResolve(OperationPlan.Field field, ResolveFieldContext context, out object? value)
        {
            var pending = field.Resolver.ResolveAsync(context);
            if (!pending.IsCompletedSuccessfully)
            {
                if (!pending.IsCompleted)
                    Observe(pending.AsTask());
                value = null;
                return false;
            }
            value = pending.Result;
            while (value is IDataLoaderResult loaded)
            {
                var task = loaded.GetResultAsync(context.CancellationToken);
                if (!task.IsCompletedSuccessfully)
                {
                    Observe(task);
                    return false;
                }
                value = task.Result;
            }
            return true;
        }

        private static void Observe(Task task) =>
            task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        private bool WriteValue(OperationPlan.Shape shape, object? value, int depth)
        {
            if (shape is OperationPlan.NonNullShape nonNull)
            {
                // A null here is an error GraphQL.NET reports (and propagates).
                if (value is null)
                    return false;
                shape = nonNull.Inner;
            }
            else if (value is null)
            {
                _writer!.WriteNullValue();
                return true;
            }

            switch (shape)
            {
                case OperationPlan.ScalarShape scalar:
                    return WriteScalar(scalar.Type.Serialize(value));
                case OperationPlan.ObjectShape objectShape:
                    return Matches(objectShape.Selection.Type, value) && WriteObject(objectShape.Selection, value, depth);
                case OperationPlan.ListShape list:
                    return WriteList(list.Item, value, depth);
                case OperationPlan.AbstractShape abstractShape:
                    return abstractShape.Type.GetObjectType(value, _operation.Schema) is { } type
                        && abstractShape.ByType.TryGetValue(type, out var selection)
                        && Matches(type, value)
                        && WriteObject(selection, value, depth);
                default:
                    return false;
            }
        }

        private static bool Matches(IObjectGraphType type, object value) => type.IsTypeOf is null || type.IsTypeOf(value);

        private bool WriteList(OperationPlan.Shape item, object value, int depth)
        {
            if (value is string || value is not IEnumerable items)
                return false;
            var writer = _writer!;
            writer.WriteStartArray();
            if (items is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (!WriteValue(item, list[i], depth))
                        return false;
                }
            }
            else
            {
                foreach (var element in items)
                {
                    if (!WriteValue(item, element, depth))
                        return false;
                }
            }
            writer.WriteEndArray();
            return true;
        }

        /// <summary>A scalar's serialized value as System.Text.Json writes it in GraphQL.NET's answer; false for a kind this does not write.</summary>
        private bool WriteScalar(object? serialized)
        {
            var writer = _writer!;
            switch (serialized)
            {
                case null:
                    // A scalar that serializes to null: GraphQL.NET decides whether that is an error.
                    return false;
                case string text:
                    writer.WriteStringValue(text);
                    return true;
                case int number:
                    writer.WriteNumberValue(number);
                    return true;
                case long number:
                    writer.WriteNumberValue(number);
                    return true;
                case double number when double.IsFinite(number):
                    writer.WriteNumberValue(number);
                    return true;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    return true;
                case decimal or float or BigInteger or uint or ulong or short or ushort or byte or sbyte:
                default:
                    return false;
            }
        }
    }
}
