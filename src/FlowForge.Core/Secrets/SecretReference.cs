using System.Diagnostics.CodeAnalysis;

namespace FlowForge.Core.Secrets;

/// <summary>Where a secret lives, as <c>scheme:key</c>. A reference is safe to store and to show; the value is not.</summary>
public sealed record SecretReference(string Scheme, string Key)
{
    public override string ToString() => $"{Scheme}:{Key}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out SecretReference? reference)
    {
        reference = null;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        reference = new SecretReference(value[..colon], value[(colon + 1)..]);
        return true;
    }
}
