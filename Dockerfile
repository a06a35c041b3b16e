# PostgreSQL with pg_empathy, from Debian's own PostgreSQL packages.
#   docker build -t pg_empathy .                         (PostgreSQL 15, Debian 12)
#   docker run -d --name pge -p 5432:5432 pg_empathy
#   docker exec -it pge psql -c 'CREATE EXTENSION pg_empathy'
#   docker exec -it pge psql -c "ALTER ROLE postgres PASSWORD '...'"   (for logins over TCP)
FROM debian:bookworm

ARG PG_MAJOR=15
ENV LANG=C.UTF-8 PG_MAJOR=${PG_MAJOR} \
    PATH=/usr/lib/postgresql/${PG_MAJOR}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The server from Debian (its package creates the cluster "main", UTF-8 because of LANG), and
# what building the extension needs; the build tools are removed again afterwards.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      postgresql-${PG_MAJOR} libutf8proc2 \
 && rm -rf /var/lib/apt/lists/*

COPY . /usr/src/pg_empathy
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      postgresql-server-dev-${PG_MAJOR} libutf8proc-dev pkg-config make gcc libc6-dev \
 && make -C /usr/src/pg_empathy PG_CONFIG=/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config \
      with_llvm=no \
 && make -C /usr/src/pg_empathy PG_CONFIG=/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config \
      with_llvm=no install \
 && rm -rf /usr/src/pg_empathy \
 && DEBIAN_FRONTEND=noninteractive apt-get purge -y --auto-remove \
      postgresql-server-dev-${PG_MAJOR} libutf8proc-dev pkg-config make gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*

# Accept password logins over TCP (no role has a password until you set one; until then only
# "docker exec ... psql", as the postgres OS user, can log in).
RUN echo "listen_addresses = '*'" >>/etc/postgresql/${PG_MAJOR}/main/conf.d/docker.conf \
 && echo "host all all all scram-sha-256" >>/etc/postgresql/${PG_MAJOR}/main/pg_hba.conf

USER postgres
EXPOSE 5432
VOLUME /var/lib/postgresql
STOPSIGNAL SIGINT
CMD ["sh", "-c", "exec postgres -D /var/lib/postgresql/$PG_MAJOR/main -c config_file=/etc/postgresql/$PG_MAJOR/main/postgresql.conf"]
