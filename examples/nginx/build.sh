#!/bin/sh
# nginx on the debian example, serving this directory's html/ on port 8080.
. `dirname $0`/siren
FROM debian
ID nginx $base_version
RUN apt-get update
RUN apt-get install -y --no-install-recommends nginx-light
RUN apt-get clean
rm -rf $root/var/lib/apt/lists/* $root/etc/nginx/sites-enabled/default
cp etc/nginx/conf.d/siren.conf $root/etc/nginx/conf.d/
mkdir -p $root/var/www/siren
cp -R html/. $root/var/www/siren/
SET /etc/hostname nginx
ENABLE nginx
