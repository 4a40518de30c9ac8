using System.Reflection;

namespace FlowForge.Web.Tests.Settings.Fakes;

/// <summary>
/// A stand-in for a port the services need to be built but these tests never reach (the sync store behind "sync now"):
/// any call fails, which the code under test must survive like any store failure.
/// </summary>
/// <remarks>Public and unsealed: DispatchProxy derives the proxy type from it at run time.</remarks>
public class Unused : DispatchProxy
{
    public static T Of<T>()
        where T : class => Create<T, Unused>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new NotSupportedException($"{targetMethod?.DeclaringType?.Name}.{targetMethod?.Name} is not used by these tests.");
}
