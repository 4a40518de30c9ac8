namespace FlowForge.Emulators.GitLab.State;

/// <summary>Refs and files: what the files API serves and what pipelines run on.</summary>
internal sealed partial class GitLabState
{
    /// <summary>Makes a branch or tag exist, pointing at the default branch's head.</summary>
    public void AddRef(long projectId, string gitRef, bool tag)
    {
        lock (_gate)
        {
            var project = ProjectOrThrow(projectId);
            _refs[projectId].TryAdd(gitRef, _refs[projectId][project.DefaultBranch] with { Tag = tag });
        }
    }

    /// <summary>Writes a file on one ref (which then exists); other refs keep the default branch's version.</summary>
    public void SetFile(long projectId, string path, string content, string? gitRef)
    {
        lock (_gate)
        {
            var project = ProjectOrThrow(projectId);
            var target = gitRef ?? project.DefaultBranch;
            if (!_refs[projectId].ContainsKey(target))
            {
                AddRef(projectId, target, tag: false);
            }

            _files[(projectId, path, target)] = content;
        }
    }

    /// <summary>A file's content at a ref (a branch, a tag or a commit sha); the default branch's where the ref has none.</summary>
    public FileLookup File(long projectId, string path, string gitRef)
    {
        lock (_gate)
        {
            var project = ProjectOrThrow(projectId);
            var resolved = ResolveRef(projectId, gitRef);
            if (resolved is null)
            {
                return new FileLookup(false, null, null);
            }

            var content = _files.GetValueOrDefault((projectId, path, resolved)) ?? _files.GetValueOrDefault((projectId, path, project.DefaultBranch));
            return new FileLookup(true, content, content is null ? null : GitId("blob:" + content));
        }
    }

    /// <summary>A branch or tag name, or a sha some ref's head or pipeline had: the name of the ref it belongs to; null when unknown.</summary>
    private string? ResolveRef(long projectId, string gitRef)
    {
        var refs = _refs[projectId];
        if (refs.ContainsKey(gitRef))
        {
            return gitRef;
        }

        var shaRef = refs.FirstOrDefault(pair => gitRef.Length >= 7 && pair.Value.Head.Id.StartsWith(gitRef, StringComparison.Ordinal)).Key;
        return shaRef ?? PipelinesOf(projectId).FirstOrDefault(pipeline => gitRef.Length >= 7 && pipeline.Sha.StartsWith(gitRef, StringComparison.Ordinal))?.Ref;
    }
}
