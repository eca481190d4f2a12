// CBLAS and the LAPACK routines Skein uses, from OpenBLAS.
//
// Debian's libopenblas-dev ships cblas.h but no LAPACKE, so the Fortran LAPACK entry points are
// declared here. Every argument is passed by pointer (Fortran convention); character arguments
// are followed, at the end of the list, by their hidden lengths (gfortran >= 8 passes size_t).
// Matrices are column-major. `lapack_int` is 32-bit: OpenBLAS here is built without USE_64BITINT.
#ifndef SKEIN_COPENBLAS_SHIM_H
#define SKEIN_COPENBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

typedef int lapack_int;

// QR: A = QR (geqrf), then form Q explicitly (orgqr).
void sgeqrf_(const lapack_int *m, const lapack_int *n, float *a, const lapack_int *lda,
             float *tau, float *work, const lapack_int *lwork, lapack_int *info);
void dgeqrf_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             double *tau, double *work, const lapack_int *lwork, lapack_int *info);
void sorgqr_(const lapack_int *m, const lapack_int *n, const lapack_int *k, float *a,
             const lapack_int *lda, const float *tau, float *work, const lapack_int *lwork,
             lapack_int *info);
void dorgqr_(const lapack_int *m, const lapack_int *n, const lapack_int *k, double *a,
             const lapack_int *lda, const double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);

// LQ: A = LQ (gelqf), then form Q (orglq). A row-major matrix is the column-major transpose,
// so LQ of the stored buffer is QR of the row-major matrix without a transposed copy.
void sgelqf_(const lapack_int *m, const lapack_int *n, float *a, const lapack_int *lda,
             float *tau, float *work, const lapack_int *lwork, lapack_int *info);
void dgelqf_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             double *tau, double *work, const lapack_int *lwork, lapack_int *info);
void sorglq_(const lapack_int *m, const lapack_int *n, const lapack_int *k, float *a,
             const lapack_int *lda, const float *tau, float *work, const lapack_int *lwork,
             lapack_int *info);
void dorglq_(const lapack_int *m, const lapack_int *n, const lapack_int *k, double *a,
             const lapack_int *lda, const double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);

// SVD by divide and conquer.
void sgesdd_(const char *jobz, const lapack_int *m, const lapack_int *n, float *a,
             const lapack_int *lda, float *s, float *u, const lapack_int *ldu, float *vt,
             const lapack_int *ldvt, float *work, const lapack_int *lwork, lapack_int *iwork,
             lapack_int *info, size_t jobz_len);
void dgesdd_(const char *jobz, const lapack_int *m, const lapack_int *n, double *a,
             const lapack_int *lda, double *s, double *u, const lapack_int *ldu, double *vt,
             const lapack_int *ldvt, double *work, const lapack_int *lwork, lapack_int *iwork,
             lapack_int *info, size_t jobz_len);

// Symmetric eigendecomposition by divide and conquer.
void ssyevd_(const char *jobz, const char *uplo, const lapack_int *n, float *a,
             const lapack_int *lda, float *w, float *work, const lapack_int *lwork,
             lapack_int *iwork, const lapack_int *liwork, lapack_int *info,
             size_t jobz_len, size_t uplo_len);
void dsyevd_(const char *jobz, const char *uplo, const lapack_int *n, double *a,
             const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
             lapack_int *iwork, const lapack_int *liwork, lapack_int *info,
             size_t jobz_len, size_t uplo_len);

// General linear solve A X = B by LU with partial pivoting.
void sgesv_(const lapack_int *n, const lapack_int *nrhs, float *a, const lapack_int *lda,
            lapack_int *ipiv, float *b, const lapack_int *ldb, lapack_int *info);
void dgesv_(const lapack_int *n, const lapack_int *nrhs, double *a, const lapack_int *lda,
            lapack_int *ipiv, double *b, const lapack_int *ldb, lapack_int *info);

#endif
