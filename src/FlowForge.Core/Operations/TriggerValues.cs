using System.Globalization;
using FlowForge.Abstractions.Domain;
using FlowForge.Core.Errors;

namespace FlowForge.Core.Operations;

/// <summary>
/// Checks the values a user gives a trigger against the parameters the provider declared, before anything is
/// sent upstream: unknown names, wrong types, missing required values and values outside the options are refused
/// together, field by field. Accepted values are normalised to the provider's text form.
/// </summary>
public static class TriggerValues
{
    /// <param name="given">Each value as the user gave it: text, or null for "not given".</param>
    public static IReadOnlyDictionary<string, string> Validate(IReadOnlyList<TriggerParameter> parameters, IReadOnlyDictionary<string, string?> given)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(given);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = parameters.ToDictionary(parameter => parameter.Name, StringComparer.Ordinal);

        foreach (var name in given.Keys.Where(name => !byName.ContainsKey(name)))
        {
            errors[$"parameters.{name}"] = [$"'{name}' is not a parameter of this pipeline."];
        }

        foreach (var parameter in parameters)
        {
            var value = given.GetValueOrDefault(parameter.Name);
            if (value is null)
            {
                if (parameter.Required && parameter.Default is null)
                {
                    errors[$"parameters.{parameter.Name}"] = [$"{Label(parameter)} is required."];
                }

                continue;
            }

            if (Check(parameter, value) is { } error)
            {
                errors[$"parameters.{parameter.Name}"] = [error];
                continue;
            }

            accepted[parameter.Name] = Normalise(parameter, value);
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : accepted;
    }

    /// <summary>The values as they may be written down: secret parameters' values replaced.</summary>
    public static IReadOnlyDictionary<string, string> Masked(IReadOnlyList<TriggerParameter> parameters, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        var secret = parameters.Where(parameter => parameter.IsSecret).Select(parameter => parameter.Name).ToHashSet(StringComparer.Ordinal);
        return values.ToDictionary(pair => pair.Key, pair => secret.Contains(pair.Key) ? "***" : pair.Value, StringComparer.Ordinal);
    }

    private static string? Check(TriggerParameter parameter, string value) => parameter.Type switch
    {
        TriggerParameterType.Boolean when !bool.TryParse(value, out _) => $"{Label(parameter)} must be true or false.",
        TriggerParameterType.Number when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
            $"{Label(parameter)} must be a number.",
        TriggerParameterType.Choice when !parameter.Options.Contains(value, StringComparer.Ordinal) =>
            $"{Label(parameter)} must be one of: {string.Join(", ", parameter.Options)}.",
        TriggerParameterType.Environment when string.IsNullOrWhiteSpace(value) => $"{Label(parameter)} must name an environment.",
        TriggerParameterType.Environment when parameter.Options.Count > 0 && !parameter.Options.Contains(value, StringComparer.Ordinal) =>
            $"{Label(parameter)} must be one of: {string.Join(", ", parameter.Options)}.",
        _ when parameter.Required && string.IsNullOrEmpty(value) => $"{Label(parameter)} is required.",
        _ => null,
    };

    private static string Normalise(TriggerParameter parameter, string value) =>
        parameter.Type == TriggerParameterType.Boolean ? bool.Parse(value) ? "true" : "false" : value;

    private static string Label(TriggerParameter parameter) => parameter.Label ?? parameter.Name;
}
