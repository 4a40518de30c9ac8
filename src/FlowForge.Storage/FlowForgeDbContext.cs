using System.Text;
using FlowForge.Abstractions.Domain;
using FlowForge.Storage.Configurations;
using FlowForge.Storage.Conversions;
using FlowForge.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowForge.Storage;

/// <summary>
/// FlowForge's store. Table and column names are snake_case; every <see cref="DateTimeOffset"/> is INTEGER
/// unix milliseconds and every <see cref="RunStatus"/> its name. The schema changes only through migrations.
/// </summary>
internal sealed class FlowForgeDbContext(DbContextOptions<FlowForgeDbContext> options) : DbContext(options)
{
    public DbSet<InstanceEntity> Instances => Set<InstanceEntity>();

    public DbSet<PipelineEntity> Pipelines => Set<PipelineEntity>();

    public DbSet<RunEntity> Runs => Set<RunEntity>();

    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    public DbSet<StepEntity> Steps => Set<StepEntity>();

    public DbSet<JobLogEntity> JobLogs => Set<JobLogEntity>();

    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<RunStatus>().HaveConversion<RunStatusConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new InstanceConfiguration());
        modelBuilder.ApplyConfiguration(new PipelineConfiguration());
        modelBuilder.ApplyConfiguration(new RunConfiguration());
        modelBuilder.ApplyConfiguration(new JobConfiguration());
        modelBuilder.ApplyConfiguration(new StepConfiguration());
        modelBuilder.ApplyConfiguration(new JobLogConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());

        // Columns not named explicitly take their property's name in snake_case.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
