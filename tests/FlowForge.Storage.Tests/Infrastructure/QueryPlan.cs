namespace FlowForge.Storage.Tests.Infrastructure;

internal static class QueryPlan
{
    /// <summary>SQLite's plan for EF Core's SQL; ToQueryString writes parameters as <c>.param set</c> lines.</summary>
    public static List<string> Explain(TestStore store, string sql)
    {
        var lines = sql.Split('\n');
        var parameters = lines
            .Where(line => line.StartsWith(".param set ", StringComparison.Ordinal))
            .Select(line => line[".param set ".Length..].Split(' ', 2))
            .OrderByDescending(parts => parts[0].Length)
            .ToList();
        var statement = string.Join('\n', lines.Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var parts in parameters)
        {
            statement = statement.Replace(parts[0], parts[1].Trim(), StringComparison.Ordinal);
        }

        using var connection = store.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {statement}";
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

}
