using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Settings;

/// <summary>
/// The rules of a typed options class, read from its DataAnnotations attributes (<c>[Range]</c>, <c>[Required]</c>)
/// and its <see cref="IValidatableObject"/> (rules between two settings), turned into messages an operator can act
/// on: the variable, what it accepts, and what was set (<c>QueryLimits__MaxCost must be a number from 1 to
/// 1000000000; got "0".</c>). The same messages at the pre-listen check and at ValidateOnStart.
/// </summary>
internal static class SettingRules
{
    /// <summary>What a property accepts: "a whole number from 1 to 100", "a duration from 00:00:01 to 1.00:00:00 …".</summary>
    public static string Describe(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var kind = type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type == typeof(TimeSpan) => "a duration",
            _ when type == typeof(bool) => "true or false",
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(string) => property.GetCustomAttribute<RequiredAttribute>() is null ? "a text" : "a non-empty text",
            _ => "a " + type.Name,
        };
        var range = property.GetCustomAttribute<RangeAttribute>();
        var bounds = range is null ? "" : $" from {Format(range.Minimum)} to {Format(range.Maximum)}";
        // TimeSpan's own format: a bare "30" is 30 days, so the form is spelled out.
        var form = type == typeof(TimeSpan) ? " (hh:mm:ss[.fff], or d.hh:mm:ss with days)" : "";
        return kind + bounds + form;
    }

    /// <summary>Every rule <paramref name="options"/> (bound from <paramref name="section"/>) breaks.</summary>
    public static IEnumerable<SettingProblem> Validate(object options, IConfigurationSection section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(options);
            foreach (var rule in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (Holds(rule, value))
                    continue;
                var variable = VariableOf(section, property.Name);
                yield return new(variable, $"{variable} must be {Describe(property)}; got {Shown(section, options, property.Name)}.");
                break;
            }
        }
        if (options is not IValidatableObject validatable)
            yield break;
        foreach (var result in validatable.Validate(new ValidationContext(options)))
        {
            // The message names its members as {0}, {1}…: each becomes its variable, and the values are appended.
            var members = result.MemberNames.ToArray();
            var variables = members.Select(member => (object)VariableOf(section, member)).ToArray();
            var message = string.Format(CultureInfo.InvariantCulture, result.ErrorMessage ?? "{0} is not valid", variables);
            var values = string.Join(" and ", members.Select(member => Shown(section, options, member)));
            yield return new((string)variables[0], $"{message}; got {values}.");
        }
    }

    public static string VariableOf(IConfigurationSection section, string property) =>
        SettingProblem.VariableOf(ConfigurationPath.Combine(section.Path, property));

    private static bool Holds(ValidationAttribute rule, object? value) => rule switch
    {
        // TimeSpan bounds are read here, culture-free: RangeAttribute would parse them in the current culture.
        RangeAttribute range when value is TimeSpan duration =>
            (range.MinimumIsExclusive ? duration > Duration(range.Minimum) : duration >= Duration(range.Minimum))
            && (range.MaximumIsExclusive ? duration < Duration(range.Maximum) : duration <= Duration(range.Maximum)),
        RequiredAttribute when value is string text => !string.IsNullOrWhiteSpace(text),
        _ => rule.IsValid(value),
    };

    private static TimeSpan Duration(object bound) => bound as TimeSpan? ?? TimeSpan.Parse((string)bound, CultureInfo.InvariantCulture);

    /// <summary>The value as the operator set it (quoted), else the bound value (a default).</summary>
    private static string Shown(IConfigurationSection section, object options, string member)
    {
        if (section.GetSection(member).Value is { } raw)
            return $"\"{raw}\"";
        var value = options.GetType().GetProperty(member)?.GetValue(options);
        return $"{Format(value)} (the default)";
    }

    private static string Format(object? value) => value switch
    {
        null => "nothing",
        TimeSpan duration => duration.ToString("c", CultureInfo.InvariantCulture),
        double number => number.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The same rules when the options are first read (ValidateOnStart): a second line of defence.</summary>
internal sealed class SectionValidator<T>(IConfigurationSection section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        if (name != Options.DefaultName)
            return ValidateOptionsResult.Skip;
        var failures = SettingRules.Validate(options, section).Select(problem => problem.Message).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
