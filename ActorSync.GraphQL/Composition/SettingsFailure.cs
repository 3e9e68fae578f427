using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Settings;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Composition;

/// <summary>
/// Ends a start with bad settings the way an operator can read it: one line (JSON like every Production log line,
/// plain text elsewhere) naming every bad variable, exit code 1, no stack trace.
/// </summary>
public static class SettingsFailure
{
    public const int ExitCode = 1;

    public const string Category = "ActorSync.Settings";

    public static readonly EventId Event = new(1, "SettingsInvalid");

    /// <summary>Writes the line and returns <see cref="ExitCode"/> for Program to return.</summary>
    public static int Exit(IReadOnlyList<SettingProblem> problems, IHostEnvironment environment)
    {
        if (environment.IsProduction())
            WriteJson(problems, Console.OpenStandardOutput());
        else
            Console.Error.WriteLine(SettingsException.Describe(problems));
        return ExitCode;
    }

    /// <summary>The Production line: the log writer's JSON, with the variables and messages as lists under State.</summary>
    public static void WriteJson(IReadOnlyList<SettingProblem> problems, Stream output)
    {
        // Disposing the provider writes the line before the process ends.
        using var provider = new JsonLinesLoggerProvider(output);
        provider.CreateLogger(Category).Log(LogLevel.Critical, Event, State(problems), null, static (state, _) => (string)state[^1].Value!);
    }

    /// <summary>
    /// Runs the app. The options' rules run first, as ValidateOnStart would when the host starts (belt and braces: the
    /// check before Build should have caught everything); a failure is reported like the check's, not as the host's
    /// "Hosting failed to start" error with a stack trace.
    /// </summary>
    public static int RunReportingBadSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (Failures(ex) is { Count: > 0 } problems)
        {
            return Exit(problems, app.Environment);
        }
        app.Run();
        return 0;
    }

    /// <summary>
    /// What made the options' start-up validation throw, as problems: each failure of an options validation (one
    /// exception, or several aggregated), or the message of anything else (a value the binder could not convert).
    /// </summary>
    public static IReadOnlyList<SettingProblem> Failures(Exception exception)
    {
        IReadOnlyList<Exception> failures = exception is AggregateException aggregate ? aggregate.InnerExceptions : [exception];
        return failures
            .SelectMany(failure => failure is OptionsValidationException validation
                ? validation.Failures.Select(message => Problem(message, validation.OptionsType.Name))
                : [Problem(failure.Message.Split('\n')[0], "configuration")])
            .ToList();
    }

    /// <summary>Our rules' messages start with the variable (SettingRules); anything else is named by its source.</summary>
    private static SettingProblem Problem(string message, string source)
    {
        var first = message.Split(' ')[0];
        return new(first.Contains("__", StringComparison.Ordinal) ? first : source, message);
    }

    private static List<KeyValuePair<string, object?>> State(IReadOnlyList<SettingProblem> problems) =>
    [
        new("Variables", problems.Select(problem => problem.Variable).Distinct().ToArray()),
        new("Problems", problems.Select(problem => problem.Message).ToArray()),
        // The message itself; the writer leaves the template out of State.
        new("{OriginalFormat}", SettingsException.Describe(problems)),
    ];
}
