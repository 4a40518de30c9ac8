namespace FlowForge.Emulators.GitHub.Http;

/// <summary>Absolute URLs the emulator puts in bodies and headers, all pointing back at itself.</summary>
internal sealed class ApiUrls(Uri apiBase, Uri htmlBase, Uri logBase)
{
    public Uri ApiBase { get; } = apiBase;

    public Uri HtmlBase { get; } = htmlBase;

    public Uri LogBase { get; } = logBase;

    /// <summary>host:port, as git and ssh URLs use it.</summary>
    public string Host => HtmlBase.Authority;

    public string Api(string relative) => ApiBase.AbsoluteUri + relative;

    public string Html(string relative) => HtmlBase.AbsoluteUri + relative;

    public string Log(string relative) => LogBase.AbsoluteUri + relative;

    public string Repository(string fullName) => Api("repos/" + fullName);

    public string User(string login) => Api("users/" + login);
}
